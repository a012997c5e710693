"""Validation speed against PyYAML's C loader alone, in one run.

For maps of 100, 1,000 and 10,000 nodes, times (median of repeats):
- `yaml.load(text, CSafeLoader)`: the floor, plain loading;
- `load_map(path)`: argmap's whole validation (load, model, resolve);
both in this process, and both as fresh processes (`argmap validate` against
`python -c 'yaml.load(...)'`). Also `argmap --help` start-up.
Bars (issue 2): validate(10k) <= 2x the C load; `--help` < 0.25 s.

    .venv/bin/python benchmarks/bench_validate.py
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from argmap.validate import load_map

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

DATA = Path(__file__).parent / "data"
BIN = Path(sys.executable).parent


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*cmd: str) -> None:
    subprocess.run(cmd, check=False, capture_output=True)


def main() -> None:
    print(
        f"{'nodes':>6} {'C load':>9} {'validate':>9} {'ratio':>6} "
        f"{'proc load':>10} {'proc validate':>14} {'ratio':>6}"
    )
    for nodes in (100, 1000, 10000):
        path = write_map(nodes, DATA)
        text = path.read_text(encoding="utf-8")
        repeats = 7 if nodes < 10000 else 5
        result = load_map(path)
        assert result.ok and result.graph is not None and len(result.graph) == nodes
        floor = median_time(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), repeats)
        ours = median_time(lambda p=path: load_map(p), repeats)
        load_cmd = f"import yaml; yaml.load(open({str(path)!r}).read(), Loader=yaml.CSafeLoader)"
        proc_floor = median_time(lambda c=load_cmd: run(sys.executable, "-c", c), repeats)
        proc_ours = median_time(
            lambda p=path: run(str(BIN / "argmap"), "validate", str(p)), repeats
        )
        print(
            f"{nodes:>6} {floor:>8.4f}s {ours:>8.4f}s {ours / floor:>5.2f}x "
            f"{proc_floor:>9.3f}s {proc_ours:>13.3f}s {proc_ours / proc_floor:>5.2f}x"
        )
    help_time = median_time(lambda: run(str(BIN / "argmap"), "--help"), 10)
    floor_time = median_time(lambda: run(sys.executable, "-c", "pass"), 10)
    print(f"argmap --help: {help_time:.3f}s (python -c pass: {floor_time:.3f}s)")


if __name__ == "__main__":
    main()
