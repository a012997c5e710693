"""AIF: the JSON of OVA and AIFdb (the Argument Interchange Format), both ways.

AIF never links two statements directly. Every statement is an I-node; a support
runs premise -> RA -> conclusion (co-premises share one RA), an attack runs
attacker -> CA -> target, an undercut is a CA pointing at the RA (or CA) it cuts, and
outweighing is a preference, preferred -> PA -> dispreferred. An RA's text is its
scheme's name ("Default Inference" when there is none).

The export writes OVA3's file shape (`{"AIF": {...}, "text": "", "OVA": {layout}}`)
with the motion as the top I-node, so that sides survive: the proposition's claims
support it, the opposition's attack it. The import also reads AIFdb's shape (`nodes`
and `edges` at the top level); locutions and other dialogue nodes are skipped with a
note. AIF has no titles, tags, evidence or attack kinds beyond undercut.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.analysis import Verdict
from argmap.formats.base import (
    ImportFailed,
    ImportNote,
    dropped_fields,
    json_text,
    map_title,
    pointer,
    read_json,
    scheme_names,
    thesis_of,
)
from argmap.formats.build import Draft, Link, Statement, build_map
from argmap.graph import MapGraph, Relation, Role
from argmap.model import ArgMap, Attack, Side

NAME = "AIF"
DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"
DEFAULT_PREFERENCE = "Default Preference"
# OVA's scheme ids for the default schemes (its loader assigns them the same way).
_OVA_SCHEME_IDS = {"RA": "72", "CA": "71", "PA": "161"}
_COLUMN, _ROW = 260, 120  # OVA layout grid, in its pixels


class _Writer:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[tuple[str, str]] = []
        self.defaults: list[tuple[str, str]] = []  # (nodeID, type) of default S-nodes

    def node(self, kind: str, text: str) -> str:
        node_id = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": node_id, "text": text, "type": kind})
        # Only scheme nodes are defaults: an I-node may say "Default Conflict" too.
        if kind in _OVA_SCHEME_IDS and text in (
            DEFAULT_INFERENCE,
            DEFAULT_CONFLICT,
            DEFAULT_PREFERENCE,
        ):
            self.defaults.append((node_id, kind))
        return node_id

    def edge(self, source: str, target: str) -> None:
        self.edges.append((source, target))


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The map as OVA3/AIF JSON, and what AIF could not hold."""
    argmap = graph.map
    out = _Writer()
    schemes = scheme_names().titles
    thesis = thesis_of(graph)
    motion = out.node("I", thesis) if thesis is not None else None
    inode = {m.id: out.node("I", m.text) for m in graph}
    link_of: dict[str, str] = {}  # node id -> the RA or CA carrying its relation to its parent
    group_ra: dict[tuple[str, str], str] = {}
    root_undercuts = sideless = 0
    for mapped in graph:  # pre-order: a parent's S-node exists before its children's
        parent = mapped.parent
        if parent is None:
            if motion is None:
                sideless += mapped.side is Side.CON
                continue
            kind = "RA" if mapped.side is Side.PRO else "CA"
            s_node = out.node(kind, DEFAULT_INFERENCE if kind == "RA" else DEFAULT_CONFLICT)
            out.edge(inode[mapped.id], s_node)
            out.edge(s_node, motion)
            link_of[mapped.id] = s_node
        elif mapped.role is Role.PREMISE:
            # A node's scheme is how its premises support it: the RA into the node.
            scheme = graph[parent].node.scheme
            name = schemes.get(scheme, scheme) if scheme else DEFAULT_INFERENCE
            key = (parent, mapped.node.group) if mapped.node.group else None
            if key is not None and key in group_ra:
                s_node = group_ra[key]
            else:
                s_node = out.node("RA", name)
                out.edge(s_node, inode[parent])
                if key is not None:
                    group_ra[key] = s_node
            out.edge(inode[mapped.id], s_node)
            link_of[mapped.id] = s_node
        else:
            s_node = out.node("CA", DEFAULT_CONFLICT)
            out.edge(inode[mapped.id], s_node)
            if mapped.attack is Attack.UNDERCUT and parent in link_of:
                out.edge(s_node, link_of[parent])  # the CA points at the RA or CA it cuts
            else:
                root_undercuts += mapped.attack is Attack.UNDERCUT
                out.edge(s_node, inode[parent])
            link_of[mapped.id] = s_node
    for edge in graph.edges:
        if not edge.cross_link:
            continue
        kind, text = {
            Relation.SUPPORT: ("RA", DEFAULT_INFERENCE),
            Relation.ATTACK: ("CA", DEFAULT_CONFLICT),
            Relation.OUTWEIGH: ("PA", DEFAULT_PREFERENCE),
        }[edge.relation]
        s_node = out.node(kind, text)
        out.edge(inode[edge.source], s_node)
        out.edge(s_node, inode[edge.target])

    warnings = dropped_fields(
        graph, NAME, kept=("scheme", "group", "supports", "attacks", "outweighs")
    )
    kinds = sum(1 for m in graph if m.node.attack in (Attack.REBUT, Attack.UNDERMINE))
    if kinds:
        warnings.append(
            f"{NAME} does not tell rebut from undermine: {kinds} explicit attack kinds dropped "
            "(an import applies argmap's defaults)"
        )
    if root_undercuts:
        warnings.append(
            f"{NAME}: {root_undercuts} undercuts of root claims (no support to cut) exported as "
            "attacks"
        )
    no_premises = sum(1 for m in graph if m.node.scheme and not m.premises)
    if no_premises:
        warnings.append(
            f"{NAME} keeps a scheme on the inference from a node's premises: {no_premises} "
            "schemes of nodes without premises dropped"
        )
    if sideless:
        warnings.append(
            f"{NAME} has no sides and the map no motion to attack: {sideless} con root claims "
            "have nothing to say they are con"
        )
    tops = [motion] if motion is not None else [inode[r] for r in graph.roots]
    warnings.append(f"{NAME} has no map title: '{argmap.title}' is not in the file")
    return json.dumps(_document(out, tops), indent=2, ensure_ascii=False) + "\n", warnings


def _document(out: _Writer, tops: list[str]) -> dict[str, Any]:
    positions = _layout(out, tops)
    return {
        "AIF": {
            "nodes": out.nodes,
            "edges": [
                {"edgeID": i, "fromID": s, "toID": t} for i, (s, t) in enumerate(out.edges, 1)
            ],
            "schemefulfillments": [
                {"nodeID": node_id, "schemeID": _OVA_SCHEME_IDS[kind]}
                for node_id, kind in out.defaults
            ],
            "descriptorfulfillments": [],
            "participants": [],
            "locutions": [],
        },
        "text": "",
        "OVA": {
            "firstname": "",
            "surname": "",
            "url": "",
            "nodes": [
                {"nodeID": n["nodeID"], "visible": True, "x": x, "y": y, "timestamp": ""}
                for n, (x, y) in zip(out.nodes, positions, strict=True)
            ],
            "edges": [{"fromID": s, "toID": t, "visible": True} for s, t in out.edges],
        },
    }


def _layout(out: _Writer, tops: list[str]) -> list[tuple[int, int]]:
    """OVA needs coordinates: a layered drawing, conclusions above their reasons.

    A node's row is its distance below the motion; within a row, nodes stand in the
    order they were reached, so reasons sit roughly under what they support.
    """
    incoming: dict[str, list[str]] = {}
    for source, target in out.edges:
        incoming.setdefault(target, []).append(source)
    row = dict.fromkeys(tops, 0)
    queue = list(tops)
    for current in queue:
        for source in incoming.get(current, ()):
            if source not in row:
                row[source] = row[current] + 1
                queue.append(source)
    last = max(row.values(), default=0) + 1
    queue += [n["nodeID"] for n in out.nodes if n["nodeID"] not in row]
    used: dict[int, int] = {}
    placed: dict[str, tuple[int, int]] = {}
    for node_id in queue:
        r = row.get(node_id, last)
        column = used.get(r, 0)
        used[r] = column + 1
        placed[node_id] = (40 + column * _COLUMN, 40 + r * _ROW)
    return [placed[n["nodeID"]] for n in out.nodes]


# -- import ---------------------------------------------------------------------------

_DIALOGUE = {
    "L": "locutions",
    "YA": "illocutionary anchors",
    "TA": "transitions",
    "MA": "rephrases",
}


def import_map(text: str, file: str = "<string>") -> tuple[ArgMap, list[ImportNote]]:
    """Read OVA3 (`{"AIF": ...}`) or AIFdb (`{"nodes": ..., "edges": ...}`) JSON."""
    data = read_json(text)
    base: tuple[str, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        aif, base = data["AIF"], ("AIF",)
    elif isinstance(data, dict):
        aif, base = data, ()
    else:
        raise ImportFailed("/", "not AIF JSON: expected an object with 'nodes' and 'edges'")
    nodes, edges = aif.get("nodes"), aif.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise ImportFailed(pointer(*base), "not AIF JSON: 'nodes' and 'edges' must be lists")
    draft = Draft(fallback_title=map_title(file, "Imported map"))
    _AifReader(draft, base).read(nodes, edges)
    return build_map(draft)


class _AifReader:
    def __init__(self, draft: Draft, base: tuple[str, ...]) -> None:
        self.draft = draft
        self.base = base
        self.kind: dict[str, str] = {}
        self.text: dict[str, str] = {}
        self.where: dict[str, str] = {}
        self.scheme: dict[str, str | None] = {}
        self.into: dict[str, list[str]] = {}
        self.out: dict[str, list[str]] = {}
        self.statements: dict[str, Statement] = {}

    def read(self, nodes: list[Any], edges: list[Any]) -> None:
        skipped: dict[str, list[str]] = {}
        skipped_ids: set[str] = set()
        for i, node in enumerate(nodes):
            where = pointer(*self.base, "nodes", i)
            if not isinstance(node, dict) or "nodeID" not in node:
                self.draft.note(where, "unknown-node", "a node without 'nodeID'; skipped")
                continue
            node_id, kind = str(node["nodeID"]), str(node.get("type"))
            if kind not in ("I", "RA", "CA", "PA"):
                skipped.setdefault(kind, []).append(where)
                skipped_ids.add(node_id)
                continue
            self.kind[node_id], self.where[node_id] = kind, where
            text = json_text(node.get("text", ""))
            if text is None:
                self.draft.note(where, "not-text", "'text' is not a string; read as empty")
            self.text[node_id] = text or ""
            self.scheme[node_id] = (
                node.get("scheme") if isinstance(node.get("scheme"), str) else None
            )
            if kind == "I":
                statement = Statement(node_id, self.text[node_id], where)
                self.statements[node_id] = statement
                self.draft.statements.append(statement)
        for kind, places in skipped.items():
            what = _DIALOGUE.get(kind, f"'{kind}' nodes")
            self.draft.note(
                places[0],
                "skipped-nodes",
                f"{len(places)} {what} skipped: argmap maps arguments, not dialogue"
                if kind in _DIALOGUE
                else f"{len(places)} {what} skipped: not an AIF argument node",
            )
        for i, edge in enumerate(edges):
            where = pointer(*self.base, "edges", i)
            if not isinstance(edge, dict):
                self.draft.note(where, "unknown-edge", "not an edge; skipped")
                continue
            source, target = str(edge.get("fromID")), str(edge.get("toID"))
            unknown = [n for n in (source, target) if n not in self.kind and n not in skipped_ids]
            if unknown:
                self.draft.note(where, "unknown-node", f"edge names unknown node '{unknown[0]}'")
            if source not in self.kind or target not in self.kind:
                continue  # touches a skipped node: covered by the note above
            if self.kind[source] == "I" and self.kind[target] == "I":
                self.draft.note(
                    where, "direct-edge", "edge between two I-nodes has no meaning; skipped"
                )
                continue
            self.out.setdefault(source, []).append(target)
            self.into.setdefault(target, []).append(source)
        # In file order: a node's first relation becomes its place in the tree.
        for node_id, kind in self.kind.items():
            if kind == "RA":
                self._inference(node_id)
            elif kind in ("CA", "PA"):
                self._conflict(node_id, kind)

    def _inputs(self, s_node: str) -> list[str]:
        return [n for n in self.into.get(s_node, []) if self.kind[n] == "I"]

    def _inference(self, ra: str) -> None:
        where = self.where[ra]
        premises = self._inputs(ra)
        conclusions = [n for n in self.out.get(ra, []) if self.kind[n] == "I"]
        if not premises or not conclusions:
            self.draft.note(
                where,
                "incomplete-inference",
                "an RA-node needs a premise and a conclusion; skipped",
            )
            return
        name = self.scheme[ra] or self.text[ra]
        scheme = scheme_names().match(name) if name else None
        if name and scheme is None and name.strip().lower() != DEFAULT_INFERENCE.lower():
            self.draft.note(
                where, "unknown-scheme", f"scheme '{name}' is not in argmap's library; dropped"
            )
        group = f"ra{ra}" if len(premises) > 1 else None
        for conclusion in conclusions:
            for premise in premises:
                self.draft.links.append(
                    Link(premise, conclusion, Relation.SUPPORT, where, group=group)
                )
            # An RA's scheme is how its premises support its conclusion: the
            # conclusion's `scheme` in argmap.
            if scheme is not None:
                self.statements[conclusion].fields.setdefault("scheme", scheme)

    def _conflict(self, s_node: str, kind: str) -> None:
        where = self.where[s_node]
        sources = self._inputs(s_node)
        targets = self.out.get(s_node, [])
        if not sources or not targets:
            self.draft.note(
                where, "incomplete-conflict", f"a {kind}-node needs a source and a target; skipped"
            )
            return
        for target in targets:
            for source in sources:
                if self.kind[target] == "I":
                    relation = Relation.ATTACK if kind == "CA" else Relation.OUTWEIGH
                    self.draft.links.append(Link(source, target, relation, where))
                elif self.kind[target] in ("RA", "CA") and kind == "CA":
                    cut = self._inputs(target)
                    via = [n for n in self.out.get(target, []) if self.kind[n] == "I"]
                    if not cut:
                        self.draft.note(
                            where,
                            "incomplete-conflict",
                            "undercut of an RA-node without premises; skipped",
                        )
                        continue
                    self.draft.links.append(
                        Link(
                            source,
                            cut[0],
                            Relation.ATTACK,
                            where,
                            Attack.UNDERCUT,
                            via[0] if via else None,
                        )
                    )
                else:
                    self.draft.note(
                        where,
                        "unknown-conflict",
                        f"a {kind}-node pointing at a {self.kind[target]}-node has no argmap "
                        "meaning; skipped",
                    )
