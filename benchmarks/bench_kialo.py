"""Kialo import and export speed, this checkout against a git revision, in one run.

Generates Kialo discussions as Kialo writes them: Pro and Con interleaved, and about
one claim in seven a `-> See N.` line naming a claim above it. Times the whole
commands, alternating, medians of repeats: `argmap import` of the discussion, and
`argmap export --to kialo` of the map it gives (without `order`, which older
revisions cannot read).

    .venv/bin/python benchmarks/bench_kialo.py [--before REV]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_import import old_tree

from argmap.formats import importer
from argmap.model import ArgMap, Node
from argmap.write import dump_map

ROOT = Path(__file__).parent.parent
DEFAULT_BEFORE = "fd1a1b0"  # main before '-> See' pointed back and `order` existed


def discussion(top: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["Discussion Title: Generated", "", "1. The thesis."]
    written: list[str] = []
    stack = [("1", 0, i) for i in range(top, 0, -1)]
    while stack:
        parent, depth, i = stack.pop()
        number = f"{parent}.{i}"
        stance = rng.choice(["Pro", "Con"])
        above = [
            w
            for w in written[-200:]
            if not (number + ".").startswith(w + ".") and w.rpartition(".")[0] != parent
        ]
        if above and rng.random() < 0.15:
            lines.append(f"{number}. {stance}: -> See {rng.choice(above)}.")
            continue
        lines.append(f"{number}. {stance}: Claim {number} of the generated discussion.")
        written.append(number)
        if depth < 3:
            width = 12 if depth < 2 else 4
            stack.extend((number, depth + 1, k) for k in range(width, 0, -1))
    return "\n".join(lines) + "\n"


def timed(src: Path, args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(src)},
        cwd=ROOT,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default=DEFAULT_BEFORE)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = old_tree(args.before, folder / "before")
        after = ROOT / "src"
        print(f"{'step':<7} {'claims':>7} {'before':>9} {'after':>8} {'ratio':>7}")
        for top in (5, 25, 100):
            text = discussion(top)
            source = folder / f"kialo-{top}.txt"
            source.write_text(text, encoding="utf-8")
            argmap, _ = importer("kialo")(text, str(source))
            plain = dump_map(argmap.model_copy(update={"claims": _without_order(argmap)}))
            mapped = folder / f"kialo-{top}.yaml"
            mapped.write_text(plain, encoding="utf-8")
            claims = sum(1 for line in text.splitlines()[3:] if "-> See" not in line)
            out = folder / "out"
            steps = {  # whole commands, as a user runs them
                "import": [
                    "import",
                    str(source),
                    "--from",
                    "kialo",
                    "-o",
                    f"{out}.yaml",
                    "--force",
                ],
                "export": ["export", str(mapped), "--to", "kialo", "-o", f"{out}.txt"],
            }
            for step, code in steps.items():
                old: list[float] = []
                new: list[float] = []
                for _ in range(args.repeats):  # alternating
                    old.append(timed(before, code))
                    new.append(timed(after, code))
                b, a = statistics.median(old), statistics.median(new)
                print(f"{step:<7} {claims:>7,} {b:>8.2f}s {a:>7.2f}s {b / a:>6.2f}x")


def _without_order(argmap: ArgMap) -> list[Node]:
    def strip(node: Node) -> Node:
        return node.model_copy(
            update={
                "order": [],
                "premises": [strip(p) for p in node.premises],
                "rebuttals": [strip(r) for r in node.rebuttals],
            }
        )

    return [strip(c) for c in argmap.claims]


if __name__ == "__main__":
    main()
