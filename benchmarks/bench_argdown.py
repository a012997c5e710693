"""argmap against Argdown on the same maps, side by side in one run.

For generated maps of 100, 1,000 and 3,000 nodes (benchmarks/generate.py), each
exported to Argdown with `argmap export --to argdown`, times as fresh processes
(median of repeats, wall clock):

- `argmap render MAP -f dot --no-atlas -o OUT` (argmap's diagram source, one DOT
  of the whole map, as Argdown writes one)
- `argdown map FILE OUTDIR --format dot` (Argdown's, same map exported to Argdown)
- `argmap export MAP --to argdown`    (the exporter itself, for reference)

Bar (issue 8): argmap render at least 3x faster than argdown map.

The Argdown CLI (@argdown/cli, pinned in benchmarks/argdown/package.json) is
installed into benchmarks/argdown/node_modules by this script on first use, with
`npm install`; the test suite never installs it. Node >= 18 and npm must be on PATH.

    .venv/bin/python benchmarks/bench_argdown.py [--repeats N]
"""

from __future__ import annotations

import argparse
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


def timed(cmd: Sequence[str], repeats: int) -> float | None:
    """Median wall time of `cmd`, or None when it fails (e.g. a missing command)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement")
    args = parser.parse_args()
    ensure_argdown()
    work = Path(tempfile.mkdtemp(prefix="bench-argdown-"))
    print(
        f"{'nodes':>6} {'argmap render dot':>18} {'argdown map dot':>16} {'ratio':>7} "
        f"{'argmap export':>14}"
    )
    for nodes in SIZES:
        path = write_map(nodes, DATA)
        source = DATA / f"map_{nodes}.argdown"
        subprocess.run(
            [str(ARGMAP), "export", str(path), "--to", "argdown", "-o", str(source)],
            check=True,
            capture_output=True,
        )
        ours = timed(
            [
                str(ARGMAP),
                "render",
                str(path),
                "-f",
                "dot",
                "--no-atlas",
                "-o",
                str(work / "o.dot"),
            ],
            args.repeats,
        )
        theirs = timed(
            [str(ARGDOWN), "map", str(source), str(work / "theirs"), "--format", "dot"],
            args.repeats,
        )
        export = timed(
            [str(ARGMAP), "export", str(path), "--to", "argdown", "-o", str(work / "x")],
            args.repeats,
        )
        ratio = f"{theirs / ours:>6.1f}x" if ours and theirs else f"{'n/a':>7}"
        print(
            f"{nodes:>6} {_fmt(ours):>18} {_fmt(theirs):>16} {ratio} {_fmt(export):>14}",
            flush=True,
        )
    shutil.rmtree(work, ignore_errors=True)


def _fmt(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.3f}s"


if __name__ == "__main__":
    main()
