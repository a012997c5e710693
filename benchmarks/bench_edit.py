"""Edit speed: `argmap add` (and set, rm, fmt) on generated maps, against ruamel.yaml alone.

For maps of 1,000 and 10,000 nodes, times (median of repeats), in one run:
- `argmap add MAP --under N5 --premise ...` as a fresh process, on a fresh copy each time;
- `argmap set` and `argmap rm` the same way, and `argmap fmt` (a ruamel round trip);
- `argmap fmt --check` on a copy that is already canonical (nothing to rewrite);
- a ruamel.yaml round trip (load + dump, the usual way to keep comments) as a process,
  and in this process, for comparison; and a plain PyYAML CSafeLoader load as a process.
Bars: `add` on 1,000 nodes under 1.5 s (issue 6); issue 18: `fmt --check` of a tidy
10,000-node map <= 1 s, `fmt` <= 1.5x the ruamel round trip, `add` <= 2x a plain load.

    .venv/bin/python benchmarks/bench_edit.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import median_time
from generate import write_map

DATA = Path(__file__).parent / "data"
BIN = Path(sys.executable).parent
ARGMAP = str(BIN / "argmap")
BAR = 1.5

RUAMEL = """
import io, sys
from ruamel.yaml import YAML
rt = YAML(typ="rt")
rt.width = 1_000_000
out = io.StringIO()
rt.dump(rt.load(open(sys.argv[1], encoding="utf-8").read()), out)
"""

PLAIN_LOAD = """
import sys, yaml
yaml.load(open(sys.argv[1], encoding="utf-8").read(), Loader=yaml.CSafeLoader)
"""


def ruamel_round_trip(text: str) -> str:
    rt = YAML(typ="rt")
    rt.width = 1_000_000
    out = io.StringIO()
    rt.dump(rt.load(text), out)
    return out.getvalue()


def run(*cmd: str) -> None:
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")


def main() -> None:
    print(
        f"{'nodes':>6} {'add':>7} {'set':>7} {'rm':>7} {'fmt':>7} {'--check':>8} "
        f"{'ruamel proc':>12} {'ruamel in-proc':>15} {'load proc':>10} "
        f"{'fmt/ruamel':>11} {'add/load':>9}"
    )
    work = Path(tempfile.mkdtemp(prefix="argmap-bench-edit-"))
    try:
        for nodes in (1000, 10000):
            source = write_map(nodes, DATA)
            path = work / source.name
            text = source.read_text(encoding="utf-8")
            repeats = 7 if nodes < 10000 else 3

            def edit(*args: str, source: Path = source, path: Path = path) -> None:
                """Run argmap on a fresh copy of the map (the copy takes about 1 ms)."""
                shutil.copy(source, path)
                run(ARGMAP, args[0], str(path), *args[1:])

            def time_of(*args: str, edit: Callable[..., None] = edit, n: int = repeats) -> float:
                return median_time(lambda: edit(*args), n)

            add = time_of("add", "--under", "N5", "--premise", "A new premise.")
            set_ = time_of("set", "N5", "strength", "0.5")
            rm = time_of("rm", f"N{nodes - 1}")
            fmt = time_of("fmt")
            tidy = work / f"tidy_{nodes}.yaml"
            shutil.copy(source, tidy)
            run(ARGMAP, "fmt", str(tidy))
            check = median_time(lambda t=str(tidy): run(ARGMAP, "fmt", "--check", t), repeats)
            proc = median_time(lambda s=str(source): run(sys.executable, "-c", RUAMEL, s), repeats)
            inproc = median_time(lambda t=text: ruamel_round_trip(t), repeats)
            load = median_time(
                lambda s=str(source): run(sys.executable, "-c", PLAIN_LOAD, s), repeats
            )
            print(
                f"{nodes:>6} {add:>6.3f}s {set_:>6.3f}s {rm:>6.3f}s {fmt:>6.3f}s {check:>7.3f}s "
                f"{proc:>11.3f}s {inproc:>14.3f}s {load:>9.3f}s "
                f"{fmt / proc:>10.2f}x {add / load:>8.2f}x"
            )
            if nodes == 1000:
                verdict = "meets" if add < BAR else "MISSES"
                print(f"       add on 1,000 nodes: {add:.3f}s {verdict} the {BAR} s bar")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
