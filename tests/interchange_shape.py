"""What a round trip through a format must keep, and what each format documents losing.

`shape(graph, fmt)` is the structure of a map as far as `fmt` can carry it: root
claims with their sides, nested premises and rebuttals with texts and attack kinds,
co-premise groups and cross-links. The per-format rules below are the losses listed
in docs/interchange.md; a round trip must give exactly the shape of the original.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st

from argmap.formats.base import thesis_of
from argmap.graph import MapGraph, MapNode, Relation, Role
from argmap.model import Attack, Side

FORMATS = ("argdown", "aif", "kialo")


def normal_text(text: str, fmt: str) -> str:
    if fmt == "argdown":  # Argdown statements are one line
        return " ".join(text.split())
    return text.strip() if fmt == "kialo" else text


def _attack(graph: MapGraph, mapped: MapNode, fmt: str) -> Attack | None:
    if mapped.attack is None:
        return None
    parent = graph[str(mapped.parent)]
    default = Attack.REBUT if parent.role is Role.CLAIM else Attack.UNDERMINE
    if fmt == "kialo":  # Pro/Con only
        return default
    if mapped.attack is Attack.UNDERCUT and parent.role is Role.CLAIM:
        # An undercut of a root claim cuts its inference to the thesis: kept when
        # the export writes one (see thesis_of).
        return Attack.UNDERCUT if thesis_of(graph) is not None else default
    if mapped.attack is Attack.UNDERCUT:
        return Attack.UNDERCUT
    return default if fmt == "aif" else mapped.attack  # AIF: CA only, no rebut/undermine


def _groups(graph: MapGraph, mapped: MapNode, fmt: str) -> tuple[int | None, ...]:
    """Co-premise groups as a partition: each premise names the first of its group."""
    if fmt == "kialo":
        return tuple(None for _ in mapped.premises)
    firsts: dict[str, int] = {}
    out: list[int | None] = []
    for i, premise in enumerate(mapped.premises):
        group = graph[premise].node.group
        out.append(None if group is None else firsts.setdefault(group, i))
    return tuple(out)


def _node(graph: MapGraph, node_id: str, fmt: str) -> tuple[Any, ...]:
    mapped = graph[node_id]
    return (
        normal_text(mapped.text, fmt),
        tuple(_node(graph, p, fmt) for p in mapped.premises),
        _groups(graph, mapped, fmt),
        tuple((_attack(graph, graph[r], fmt), _node(graph, r, fmt)) for r in mapped.rebuttals),
    )


def relations(graph: MapGraph, fmt: str) -> list[tuple[str, str, str, bool]]:
    """Every relation by the texts it joins, tree edge or cross-link alike."""
    out = []
    thesis = thesis_of(graph)
    for edge in graph.edges:
        if fmt != "aif" and edge.relation is Relation.OUTWEIGH:
            continue  # only AIF holds outweighing
        source = graph[edge.source]
        undercut = (
            fmt != "kialo"  # Con only
            and edge.attack is Attack.UNDERCUT
            # An undercut of a root claim cuts its bearing on a thesis, if there is one.
            and (graph[edge.target].parent is not None or thesis is not None)
        )
        target = normal_text(graph[edge.target].text, fmt)
        out.append((normal_text(source.text, fmt), target, edge.relation.value, undercut))
    motion = graph.map.motion
    if motion is not None:  # an import may read a claim that all others hang from as it
        for root in graph.roots:
            relation = "support" if graph[root].side is Side.PRO else "attack"
            out.append(
                (normal_text(graph[root].text, fmt), normal_text(motion, fmt), relation, False)
            )
    return sorted(out)


def shape(graph: MapGraph, fmt: str, original: MapGraph | None = None) -> dict[str, Any]:
    """The shape of `graph` (a round trip's result: pass the `original` it came from)."""
    if fmt in ("aif", "argdown") and thesis_of(original or graph) is None:
        # No motion and several root claims: no thesis is written (it would be invented),
        # the file holds the graph and the import shapes it into a tree of its own (a
        # support between two root claims places one under the other), so the
        # relations are what must survive.
        return {
            "nodes": len(graph) + (graph.map.motion is not None),
            "relations": relations(graph, fmt),
        }
    kept = {Relation.SUPPORT, Relation.ATTACK}
    if fmt == "aif":
        kept.add(Relation.OUTWEIGH)
    motion = graph.map.motion
    thesis = thesis_of(graph)
    if fmt == "aif":  # no title in AIF: the thesis carries the title when no motion
        motion = thesis
    if motion is not None:
        motion = normal_text(motion, fmt)
    if fmt != "aif" and motion == normal_text(graph.map.title, fmt):
        # The thesis line holds the motion, or the title when there is none: a motion
        # that repeats the title cannot be told from no motion, and reads back as none.
        motion = None
    return {
        "motion": motion,
        "roots": [(graph[r].side, _node(graph, r, fmt)) for r in graph.roots],
        "links": sorted(
            (graph[e.source].path, graph[e.target].path, e.relation.value)
            for e in graph.edges
            if e.cross_link and e.relation in kept
        ),
    }


_LINE = (
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            categories=("L", "N", "P", "S", "Zs"),
            exclude_characters="\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
TEXTS = st.lists(_LINE, min_size=1, max_size=2).map("\n".join)
TITLES = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def maps(draw: st.DrawFn) -> dict[str, Any]:
    """Small valid-looking maps: both sides, every attack kind, groups, cross-links.

    An undercut never targets a grouped premise: AIF cuts the group's one inference,
    so that case has its own test.
    """
    counter = itertools.count()
    ids: list[str] = []
    parents: dict[str, str] = {}

    def node(depth: int, grouped: bool, parent: str | None) -> dict[str, Any]:
        node_id = f"n{next(counter)}"
        ids.append(node_id)
        if parent:
            parents[node_id] = parent
        data: dict[str, Any] = {"id": node_id, "text": draw(TEXTS)}
        if draw(st.integers(0, 3)) == 0:
            data["title"] = draw(TITLES)
        if depth < 3:
            n_premises = draw(st.integers(0, 2))
            group = n_premises == 2 and draw(st.booleans())
            premises = []
            for _ in range(n_premises):
                premise = node(depth + 1, group, node_id)
                if group:
                    premise["group"] = "g"
                premises.append(premise)
            rebuttals = []
            for _ in range(draw(st.integers(0, 2))):
                rebuttal = node(depth + 1, False, node_id)
                kinds = [None, "rebut", "undermine"] + ([] if grouped else ["undercut"])
                kind = draw(st.sampled_from(kinds))
                if kind:
                    rebuttal["attack"] = kind
                rebuttals.append(rebuttal)
            if premises:
                data["premises"] = premises
            if rebuttals:
                data["rebuttals"] = rebuttals
        return data

    claims = []
    for side in draw(st.lists(st.sampled_from(["pro", "con"]), min_size=1, max_size=3)):
        claim = node(0, False, None)
        claim["side"] = side
        claims.append(claim)
    by_id = {}
    stack = list(claims)
    while stack:
        current = stack.pop()
        by_id[current["id"]] = current
        stack.extend(current.get("premises", []) + current.get("rebuttals", []))
    for _ in range(draw(st.integers(0, 3))):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if source == target or parents.get(source) == target:
            continue
        key = draw(st.sampled_from(["supports", "attacks", "outweighs"]))
        links = by_id[source].setdefault(key, [])
        if target not in links:
            links.append(target)
    motion = draw(st.one_of(st.none(), _LINE))
    data: dict[str, Any] = {"argmap": 1, "title": draw(TITLES), "claims": claims}
    if motion:
        data["motion"] = motion
    return data
