"""argmap against Argdown on the same maps, side by side in one run.

For generated maps of 100, 1,000 and 3,000 nodes (benchmarks/generate.py), each
exported to Argdown with `argmap export --to argdown`, times as fresh processes
(median of repeats, wall clock; the two tools' runs alternate, so that a busy
moment of the machine falls on both):

- `argmap render MAP -f dot --no-atlas -o OUT` (argmap's diagram source, one DOT
  of the whole map, as Argdown writes one)
- `argdown map FILE OUTDIR --format dot` (Argdown's, same map exported to Argdown)
- `argmap export MAP --to argdown`    (the exporter itself, for reference)

Then, from the same medians, the cost of 1,000 more nodes (3,000 against 100) for each
tool, which leaves start-up out, and the start-up floor of each: Node starting, and for
argmap what reading a map imports (argmap.validate: the record classes and their
pydantic-core validator), beside a bare interpreter and an interpreter that builds
argmap's pydantic classes (what reading a map cost before the records, issue 18).

Bar (issue 8): argmap render at least 3x faster than argdown map.

argmap's modules are compiled to bytecode first, as a wheel install has them: with
PYTHONDONTWRITEBYTECODE set, an editable install would otherwise compile every module
at every start. The Argdown CLI (@argdown/cli, pinned in benchmarks/argdown/package.json)
is installed into benchmarks/argdown/node_modules by this script on first use, with
`npm install`; the test suite never installs it. Node >= 18 and npm must be on PATH.

    .venv/bin/python benchmarks/bench_argdown.py [--repeats N]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

import argmap

HERE = Path(__file__).parent
DATA = HERE / "data"
NPM_DIR = HERE / "argdown"
ARGDOWN = NPM_DIR / "node_modules" / ".bin" / "argdown"
ARGMAP = Path(sys.executable).parent / "argmap"
SIZES = (100, 1000, 3000)


def ensure_argdown() -> None:
    """Install the pinned Argdown CLI next to this script, once."""
    if ARGDOWN.exists():
        return
    if shutil.which("npm") is None or shutil.which("node") is None:
        sys.exit("bench_argdown: needs node and npm on PATH to install @argdown/cli")
    print("installing @argdown/cli into benchmarks/argdown/node_modules ...", flush=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=NPM_DIR, check=True)


def timed(commands: Sequence[Sequence[str]], repeats: int) -> list[float | None]:
    """Median wall time of each command, their runs interleaved; None for one that fails."""
    times: list[list[float]] = [[] for _ in commands]
    failed = [False] * len(commands)
    for _ in range(repeats):
        for i, cmd in enumerate(commands):
            if failed[i]:
                continue
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, check=False)
            times[i].append(time.perf_counter() - start)
            failed[i] = done.returncode != 0
    return [None if bad else statistics.median(t) for t, bad in zip(times, failed, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement")
    args = parser.parse_args()
    ensure_argdown()
    compileall.compile_dir(Path(argmap.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="bench-argdown-"))
    print(
        f"{'nodes':>6} {'argmap render dot':>18} {'argdown map dot':>16} {'ratio':>7} "
        f"{'argmap export':>14}"
    )
    medians: dict[int, tuple[float | None, float | None]] = {}
    for nodes in SIZES:
        path = write_map(nodes, DATA)
        source = DATA / f"map_{nodes}.argdown"
        subprocess.run(
            [str(ARGMAP), "export", str(path), "--to", "argdown", "-o", str(source)],
            check=True,
            capture_output=True,
        )
        ours_out = work / "o.dot"
        ours, theirs, export = timed(
            [
                [str(ARGMAP), "render", str(path), "-f", "dot", "--no-atlas", "-o", str(ours_out)],
                [str(ARGDOWN), "map", str(source), str(work / "theirs"), "--format", "dot"],
                [str(ARGMAP), "export", str(path), "--to", "argdown", "-o", str(work / "x")],
            ],
            args.repeats,
        )
        medians[nodes] = (ours, theirs)
        print(
            f"{nodes:>6} {_fmt(ours):>18} {_fmt(theirs):>16} {_ratio(theirs, ours)} "
            f"{_fmt(export):>14}",
            flush=True,
        )
    (ours_small, theirs_small), (ours_big, theirs_big) = medians[SIZES[0]], medians[SIZES[-1]]
    if ours_small and theirs_small and ours_big and theirs_big:
        per = 1000 / (SIZES[-1] - SIZES[0])
        ours_k, theirs_k = (ours_big - ours_small) * per, (theirs_big - theirs_small) * per
        print(
            f"{'+1,000':>6} {_fmt(ours_k):>18} {_fmt(theirs_k):>16} {_ratio(theirs_k, ours_k)}"
            "   (per 1,000 more nodes: start-up left out)"
        )
    floor_ours, floor_theirs, bare, classes = timed(
        [
            [sys.executable, "-c", "import argmap.validate"],
            ["node", "-e", "0"],
            [sys.executable, "-c", "pass"],
            [sys.executable, "-c", "import argmap.model.classes"],
        ],
        args.repeats,
    )
    print(
        f"{'floor':>6} {_fmt(floor_ours):>18} {_fmt(floor_theirs):>16}"
        "          (Python importing what reading a map needs; Node starting)"
    )
    print(
        f"{'':>6} {_fmt(bare):>18} {'':>16}          (Python doing nothing)\n"
        f"{'':>6} {_fmt(classes):>18} {'':>16}          (Python building the pydantic classes)"
    )
    shutil.rmtree(work, ignore_errors=True)


def _ratio(theirs: float | None, ours: float | None) -> str:
    return f"{theirs / ours:>6.1f}x" if ours and theirs else f"{'n/a':>7}"


def _fmt(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.3f}s"


if __name__ == "__main__":
    main()
