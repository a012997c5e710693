"""Generate synthetic argument maps of a given size for the benchmarks.

The maps are valid format-1 maps with realistic shape: a few contentions per
side, premises with evidence, rebuttals and counter-rebuttals, some co-premise
groups and cross-links, texts of 20-35 words. Seeded, so runs compare.

    python benchmarks/generate.py 1000 > /tmp/map_1000.yaml
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

WORDS = [
    "alliance",
    "pressure",
    "sanctions",
    "treaty",
    "growth",
    "deterrence",
    "summit",
    "history",
    "victory",
    "war",
    "economy",
    "security",
    "nuclear",
    "trade",
    "regime",
    "border",
    "pipeline",
    "energy",
    "vote",
    "council",
    "evidence",
    "report",
    "figure",
    "decline",
    "rise",
    "balance",
    "power",
    "influence",
    "partner",
    "market",
    "export",
    "import",
    "army",
    "parade",
    "memory",
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 35))).capitalize() + "."


def generate_map(nodes: int, seed: int = 7) -> dict[str, object]:
    """A map dict with exactly `nodes` nodes."""
    rng = random.Random(seed)
    sources = {
        f"s{i}": {"author": f"Author {i}", "title": f"Report {i}", "date": str(2000 + i % 25)}
        for i in range(20)
    }
    roots = max(2, min(12, nodes // 50))
    claims: list[dict[str, object]] = []
    frontier: list[dict[str, object]] = []
    depth: dict[int, int] = {}
    ids: list[str] = []
    for i in range(roots):
        node = {"id": f"N{i}", "side": "pro" if i % 2 == 0 else "con", "text": _text(rng)}
        claims.append(node)
        frontier.append(node)
        depth[id(node)] = 0
        ids.append(str(node["id"]))
    count = roots
    while count < nodes:
        parent = rng.choice(frontier)
        child: dict[str, object] = {"id": f"N{count}", "text": _text(rng)}
        if rng.random() < 0.3:
            child["evidence"] = [{"source": f"s{rng.randrange(20)}", "quote": "a few words"}]
        kind = "premises" if rng.random() < 0.6 else "rebuttals"
        if kind == "rebuttals":
            child["attack"] = rng.choice(["rebut", "undermine", "undercut"])
        elif rng.random() < 0.2:
            child["group"] = "g"
        if rng.random() < 0.02 and ids:
            child["attacks"] = [rng.choice(ids)]
        parent.setdefault(kind, []).append(child)  # type: ignore[union-attr]
        ids.append(str(child["id"]))
        count += 1
        depth[id(child)] = depth[id(parent)] + 1
        if depth[id(child)] < 6:  # real maps are bushy and about six levels deep
            frontier.append(child)
    return {
        "argmap": 1,
        "title": f"Synthetic map of {nodes} nodes",
        "sources": sources,
        "claims": claims,
    }


def write_map(nodes: int, folder: Path) -> Path:
    """Write (or reuse) the generated map of `nodes` nodes in `folder`."""
    path = folder / f"map_{nodes}.yaml"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(generate_map(nodes), Dumper=yaml.CSafeDumper, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    """`python benchmarks/generate.py NODES > map.yaml`."""
    import argparse

    parser = argparse.ArgumentParser(
        description="Print a synthetic, valid argmap map of NODES nodes as YAML.",
        epilog="example: python benchmarks/generate.py 1000 > /tmp/map_1000.yaml",
    )
    parser.add_argument("nodes", type=int, help="how many nodes the map has")
    args = parser.parse_args()
    sys.stdout.write(yaml.dump(generate_map(args.nodes), Dumper=yaml.CSafeDumper, sort_keys=False))


if __name__ == "__main__":
    main()
