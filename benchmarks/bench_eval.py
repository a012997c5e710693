"""Evaluation speed on synthetic maps, in one run.

For maps of 1,000 and 10,000 nodes, times (median of repeats):
- in this process: `analyse(graph)` (framework, grounded labelling, DF-QuAD, reasons)
  on an already loaded map, in wall-clock and in CPU time (steadier on a busy machine),
  next to `load_map(path)` for scale, plus the weighing and both sides' open questions;
- as fresh processes: `argmap eval MAP` (tree) against `argmap validate MAP`, in
  wall-clock and in the processes' CPU time, so the difference is what evaluating
  and printing adds.
Bar (issue 7): evaluating a 10,000-node map takes under 1 s.

    .venv/bin/python benchmarks/bench_eval.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from argmap.analysis import analyse
from argmap.analysis.questions import open_questions
from argmap.analysis.weighing import weigh
from argmap.model import Side
from argmap.validate import load_map

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import BIN, median_time, run
from generate import write_map

DATA = Path(__file__).parent / "data"


def cpu_time(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def process_cpu(*cmd: str) -> float:
    """CPU time (user + system) of one run of a command, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=False, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    print(
        f"{'nodes':>6} {'load_map':>9} {'analyse':>9} {'cpu':>7} {'weigh+cqs':>10} "
        f"{'proc validate':>14} {'proc eval':>10} {'eval-validate':>14} {'cpu diff':>9}"
    )
    for nodes in (1000, 10000):
        path = write_map(nodes, DATA)
        repeats = 7 if nodes < 10000 else 5
        result = load_map(path)
        assert result.graph is not None and len(result.graph) == nodes
        graph = result.graph
        evaluation = analyse(graph)
        load = median_time(lambda p=path: load_map(p), repeats)
        ours = median_time(lambda g=graph: analyse(g), repeats)
        cpu = min(cpu_time(lambda g=graph: analyse(g)) for _ in range(repeats))
        extras = median_time(
            lambda e=evaluation: (
                weigh(e),
                open_questions(e.graph, Side.PRO, e),
                open_questions(e.graph, Side.CON, e),
            ),
            repeats,
        )
        proc_validate = median_time(
            lambda p=path: run(str(BIN / "argmap"), "validate", str(p)), repeats
        )
        proc_eval = median_time(lambda p=path: run(str(BIN / "argmap"), "eval", str(p)), repeats)
        cpu_diff = min(
            process_cpu(str(BIN / "argmap"), "eval", str(path))
            - process_cpu(str(BIN / "argmap"), "validate", str(path))
            for _ in range(repeats)
        )
        print(
            f"{nodes:>6} {load:>8.4f}s {ours:>8.4f}s {cpu:>6.3f}s {extras:>9.4f}s "
            f"{proc_validate:>13.3f}s {proc_eval:>9.3f}s {proc_eval - proc_validate:>13.3f}s "
            f"{cpu_diff:>8.3f}s"
        )
    statuses: dict[str, int] = {}
    for verdict in evaluation.verdicts.values():
        statuses[verdict.status.value] = statuses.get(verdict.status.value, 0) + 1
    print(f"statuses on the 10,000-node map: {statuses}")


if __name__ == "__main__":
    main()
