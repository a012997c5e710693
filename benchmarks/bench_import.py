"""Import speed, before and after the linear build (issue 17), in one run.

Generates Argdown JSON and AIF files of N nodes in the shape that made the old import
slow: many root claims without a side of their own, whose sides spread along
cross-links (Argdown), and chains of inferences 50 deep under one thesis (AIF).
Times `import_map` of this checkout against the code of a git revision (default:
the commit before the fix), both as fresh processes, alternating, medians of repeats.

    .venv/bin/python benchmarks/bench_import.py [--before REV]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).parent.parent
DEFAULT_BEFORE = "a0af200"


def argdown_json(nodes: int) -> str:
    """Pairs: A_i supports B_i (its place in the tree) and attacks B_(i-1) (a
    cross-link). Only B_0 has a side tag; every other root takes its side along the
    cross-links, as in large real maps of sketched arguments."""

    def relation(kind: str, source: str, target: str) -> dict[str, str]:
        return {
            "relationType": kind,
            "from": source,
            "fromType": "equivalence-class",
            "to": target,
            "toType": "equivalence-class",
        }

    statements = {}
    relations = []
    for i in range(nodes // 2):
        for name, line in ((f"A{i}", 4 * i + 1), (f"B{i}", 4 * i + 3)):
            statements[name] = {
                "members": [{"text": f"Claim {name}.", "startLine": line}],
                "tags": ["pro"] if name == "B0" else [],
            }
        relations.append(relation("support", f"A{i}", f"B{i}"))
        if i:
            relations.append(relation("attack", f"A{i}", f"B{i - 1}"))
    return json.dumps({"statements": statements, "arguments": {}, "relations": relations})


def aif_json(nodes: int) -> str:
    """Chains of 50 inferences under one top claim."""
    out_nodes = [{"nodeID": "0", "type": "I", "text": "Top claim."}]
    edges = []
    for i in range(1, nodes + 1):
        parent = "0" if i % 50 == 1 else str(i - 1)
        out_nodes += [
            {"nodeID": str(i), "type": "I", "text": f"Claim number {i}."},
            {"nodeID": f"r{i}", "type": "RA", "text": "Default Inference"},
        ]
        edges += [{"fromID": str(i), "toID": f"r{i}"}, {"fromID": f"r{i}", "toID": parent}]
    return json.dumps({"nodes": out_nodes, "edges": edges})


def old_tree(rev: str, into: Path) -> Path:
    """The `src/` of revision `rev`, unpacked into `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def timed(src: Path, fmt: str, path: Path) -> float:
    code = (
        "import sys; from argmap.formats import importer; "
        f"importer({fmt!r})(open({str(path)!r}).read(), {str(path)!r})"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)}, cwd=ROOT)
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
        print(f"{'format':<13} {'nodes':>6} {'before':>9} {'after':>8} {'ratio':>7}")
        for fmt, make, sizes in (
            ("argdown-json", argdown_json, (500, 1000, 2000)),
            ("aif", aif_json, (1000, 4000, 8000)),
        ):
            for nodes in sizes:
                path = folder / f"{fmt}-{nodes}.json"
                path.write_text(make(nodes), encoding="utf-8")
                old: list[float] = []
                new: list[float] = []
                for _ in range(args.repeats):  # alternating
                    old.append(timed(before, fmt, path))
                    new.append(timed(after, fmt, path))
                b, a = statistics.median(old), statistics.median(new)
                print(f"{fmt:<13} {nodes:>6} {b:>8.2f}s {a:>7.2f}s {b / a:>6.1f}x")


if __name__ == "__main__":
    main()
