"""Graph: the resolved map that every later stage reads.

`resolve_map` turns a validated `ArgMap` into a `MapGraph`: every node by id
(generated ids for nodes that have none), its parent, role, inferred side and
attack kind, and every relation as an `Edge`, tree edges and cross-links alike.
It reports what the model alone cannot see: duplicate ids, references to unknown
ids or sources, support cycles, sides that contradict the tree, misplaced fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Position, Severity
from argmap.diagnostics import did_you_mean as _did_you_mean
from argmap.model import FORMAT_VERSION, Attack, Side

if TYPE_CHECKING:
    from argmap.model import ArgMap, Node, Source
    from argmap.schemes import Scheme

YamlPath = tuple[str | int, ...]
Locate = Callable[[YamlPath], Position]
_Frame = tuple["Node", YamlPath, "MapNode | None", "Role", int]  # the tree walk's stack


class Role(StrEnum):
    CLAIM = "claim"  # a root contention
    PREMISE = "premise"
    REBUTTAL = "rebuttal"


class Relation(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    OUTWEIGH = "outweigh"


@dataclass(slots=True)
class MapNode:
    """One node of the map with everything the tree implies about it."""

    id: str
    node: Node
    path: YamlPath
    role: Role
    side: Side
    parent: str | None
    depth: int
    attack: Attack | None = None  # how a rebuttal attacks its parent
    premises: list[str] = field(default_factory=list)
    rebuttals: list[str] = field(default_factory=list)
    explicit_id: bool = True

    @property
    def text(self) -> str:
        return self.node.text

    @property
    def label(self) -> str:
        """The tag line when there is one, else the full text."""
        return self.node.title or self.node.text


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation from `source` to `target`.

    Tree edges run from a premise or rebuttal to its parent; cross-links from the
    node that declares `supports`, `attacks` or `outweighs`. An undercut attacks
    the support that `target` gives to its own parent, not `target` itself.
    """

    source: str
    target: str
    relation: Relation
    attack: Attack | None = None
    group: str | None = None
    cross_link: bool = False


@dataclass
class MapGraph:
    """The resolved map: nodes in document order (pre-order), and their relations."""

    map: ArgMap
    file: str
    nodes: dict[str, MapNode]
    roots: list[str]
    edges: list[Edge]
    _into: dict[str, list[Edge]] = field(default_factory=dict, repr=False)
    _out: dict[str, list[Edge]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for edge in self.edges:
            self._into.setdefault(edge.target, []).append(edge)
            self._out.setdefault(edge.source, []).append(edge)

    def __getitem__(self, node_id: str) -> MapNode:
        return self.nodes[node_id]

    def __iter__(self) -> Iterator[MapNode]:
        return iter(self.nodes.values())

    def __len__(self) -> int:
        return len(self.nodes)

    def edges_into(self, node_id: str, relation: Relation | None = None) -> list[Edge]:
        edges = self._into.get(node_id, [])
        return edges if relation is None else [e for e in edges if e.relation is relation]

    def edges_from(self, node_id: str, relation: Relation | None = None) -> list[Edge]:
        edges = self._out.get(node_id, [])
        return edges if relation is None else [e for e in edges if e.relation is relation]

    def children(self, node_id: str) -> list[MapNode]:
        """Premises, then rebuttals, of a node."""
        node = self.nodes[node_id]
        return [self.nodes[c] for c in (*node.premises, *node.rebuttals)]

    def descendants(self, node_id: str) -> Iterator[MapNode]:
        """The node and its whole subtree, in document order."""
        stack = [node_id]
        while stack:
            current = self.nodes[stack.pop()]
            yield current
            stack.extend(reversed([*current.premises, *current.rebuttals]))

    @cached_property
    def cross_links(self) -> list[Edge]:
        """The edges declared by `supports`, `attacks` and `outweighs`, in map order."""
        return [edge for edge in self.edges if edge.cross_link]

    @cached_property
    def codes(self) -> dict[str, str]:
        """The code debaters cite for each node ("P1a", "O1.3"): `numbering`, once."""
        return numbering(self)

    def side_label(self, side: Side) -> str:
        return self.map.sides.pro if side is Side.PRO else self.map.sides.con


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_ASIDE = re.compile(r"\s*\((?:eds?\.|via [^)]*)\)")
_SEPARATORS = re.compile(r";|\s+and\s+|\s+&\s+|,\s+with\s+")
# "Surname, Given" or "Surname, G. M.": a person written the way bibliographies do.
_SURNAME_FIRST = re.compile(r"^([^,]+),\s+(?:[A-Z][\w'\-]*\.?\s*){1,3}(?:,|$)")
# "Given M. Surname": a middle initial marks a person written given-name first.
_GIVEN_FIRST = re.compile(r"^[A-Z][\w'\-]+(?:\s+[A-Z]\.)+\s+([A-Z][\w'\-]+)$")


def _short_author(author: str) -> str:
    author = _ASIDE.sub("", author).strip()
    acronym = _ACRONYM.search(author)
    if acronym:
        return acronym.group(1)
    if match := _SURNAME_FIRST.match(author + ","):
        return match.group(1).strip()
    if match := _GIVEN_FIRST.match(author):
        return match.group(1)
    return author  # an organisation, or a name we cannot split safely: keep it whole


def source_label(source: Source) -> str:
    """A short citation for diagrams and sheets: 'Author Year'.

    'Glantz, David M.' gives 'Glantz 1983'; two authors 'Gentile & Imberman 2012';
    three or more 'Andreev et al. 1993'; organisations stay whole ('Bank of Korea
    2025') or use their acronym ('SIPRI 2025'). Names are never guessed apart.
    """
    text = source.author.strip()
    et_al = re.search(r",?\s+et al\.?", text)
    authors = [a.strip() for a in _SEPARATORS.split(text[: et_al.start()] if et_al else text)]
    authors = [a for a in authors if a]
    names = [_short_author(a) for a in authors[:2]] or [text]
    if et_al or len(authors) > 2:
        name = f"{names[0]} et al."
    elif len(names) == 2:
        name = f"{names[0]} & {names[1]}"
    else:
        name = names[0]
    year = _YEAR.search(source.date or "")
    return f"{name} {year.group(1)}" if year else name


def source_labels(argmap: ArgMap) -> dict[str, str]:
    """`source_label` for every source of the map, made unique the APA way.

    Sources that would share a label get a letter after the year, in map order
    ("Reuters 2017a", "Reuters 2017b"), so a card's label finds one bibliography entry.
    """
    labels = {source_id: source_label(source) for source_id, source in argmap.sources.items()}
    shared: dict[str, list[str]] = {}
    for source_id, label in labels.items():
        shared.setdefault(label, []).append(source_id)
    for label, ids in shared.items():
        if len(ids) > 1:
            for i, source_id in enumerate(ids, 1):
                letter = _letters(i)
                labels[source_id] = (
                    f"{label}{letter}" if _YEAR.search(label) else f"{label} ({letter})"
                )
    return labels


class _Resolver:
    def __init__(self, argmap: ArgMap, file: str, locate: Locate, locate_key: Locate) -> None:
        self.map = argmap
        self.file = file
        self.locate = locate
        self.locate_key = locate_key
        self.diagnostics: list[Diagnostic] = []
        self.nodes: dict[str, MapNode] = {}
        self.roots: list[str] = []
        self.edges: list[Edge] = []
        self.taken: set[str] = set()

    def report(
        self,
        path: YamlPath,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> None:
        pos = self.locate_key(path) if key else self.locate(path)
        self.diagnostics.append(Diagnostic.at(self.file, pos, code, message, severity))

    def resolve(self) -> MapGraph:
        if self.map.argmap != FORMAT_VERSION:
            self.report(
                ("argmap",),
                "unsupported-version",
                f"format version {self.map.argmap} is not supported; this argmap reads "
                f"version {FORMAT_VERSION}",
            )
        self._claim_explicit_ids()
        self._walk_tree()
        self._check_references()
        self._check_support_cycles()
        self._check_schemes()
        return MapGraph(self.map, self.file, self.nodes, self.roots, self.edges)

    def _all_nodes(self) -> Iterator[tuple[Node, YamlPath]]:
        stack: list[tuple[Node, YamlPath]] = [
            (n, ("claims", i)) for i, n in reversed(list(enumerate(self.map.claims)))
        ]
        while stack:
            node, path = stack.pop()
            yield node, path
            for key in ("rebuttals", "premises"):
                children = getattr(node, key)
                stack.extend((c, (*path, key, i)) for i, c in reversed(list(enumerate(children))))

    def _claim_explicit_ids(self) -> None:
        first_at: dict[str, YamlPath] = {}
        for node, path in self._all_nodes():
            if node.id is None:
                continue
            if node.id in first_at:
                line = self.locate((*first_at[node.id], "id")).line
                self.report(
                    (*path, "id"),
                    "duplicate-id",
                    f"id '{node.id}' is already used at line {line}",
                )
            else:
                first_at[node.id] = path
        self.taken = set(first_at)

    def _fresh_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def _walk_tree(self) -> None:
        seen_explicit: set[str] = set()
        stack: list[_Frame] = [
            (n, ("claims", i), None, Role.CLAIM, i)
            for i, n in reversed(list(enumerate(self.map.claims)))
        ]
        while stack:
            node, path, parent, role, index = stack.pop()
            mapped = self._add_node(node, path, parent, role, index, seen_explicit)
            for key, child_role in (("rebuttals", Role.REBUTTAL), ("premises", Role.PREMISE)):
                children: list[Node] = getattr(node, key)
                stack.extend(
                    (c, (*path, key, i), mapped, child_role, i)
                    for i, c in reversed(list(enumerate(children)))
                )

    def _add_node(
        self,
        node: Node,
        path: YamlPath,
        parent: MapNode | None,
        role: Role,
        index: int,
        seen_explicit: set[str],
    ) -> MapNode:
        if node.id is not None and node.id not in seen_explicit:
            seen_explicit.add(node.id)
            node_id, explicit = node.id, True
        else:  # no id, or a duplicate already reported: keep the node reachable
            suffix = {
                Role.CLAIM: f"claim-{index + 1}",
                Role.PREMISE: f"p{index + 1}",
                Role.REBUTTAL: f"r{index + 1}",
            }[role]
            base = suffix if parent is None else f"{parent.id}.{suffix}"
            node_id, explicit = self._fresh_id(base), False

        side = self._side_of(node, path, parent, role)
        attack: Attack | None = None
        if role is Role.REBUTTAL:
            assert parent is not None
            attack = node.attack or (
                Attack.REBUT if parent.role is Role.CLAIM else Attack.UNDERMINE
            )
        else:
            for name in ("attack", "turn"):
                if name in node.model_fields_set:
                    self.report(
                        (*path, name),
                        "misplaced-field",
                        f"'{name}' applies to rebuttals only; this node is a {role}",
                        key=True,
                    )
        if node.group is not None and role is not Role.PREMISE:
            self.report(
                (*path, "group"),
                "misplaced-field",
                f"'group' links co-premises; this node is a {role}",
                key=True,
            )

        mapped = MapNode(
            node_id,
            node,
            path,
            role,
            side,
            parent.id if parent else None,
            0 if parent is None else parent.depth + 1,
            attack,
            explicit_id=explicit,
        )
        self.nodes[node_id] = mapped
        if parent is None:
            self.roots.append(node_id)
        elif role is Role.PREMISE:
            parent.premises.append(node_id)
            self.edges.append(Edge(node_id, parent.id, Relation.SUPPORT, group=node.group))
        else:
            parent.rebuttals.append(node_id)
            self.edges.append(Edge(node_id, parent.id, Relation.ATTACK, attack=attack))
        return mapped

    def _side_of(self, node: Node, path: YamlPath, parent: MapNode | None, role: Role) -> Side:
        if parent is None:
            if node.side is None:
                self.report(
                    path,
                    "missing-side",
                    "a root claim needs 'side: pro' or 'side: con'",
                )
                return Side.PRO
            return node.side
        inferred = parent.side if role is Role.PREMISE else parent.side.other
        if node.side is not None and node.side is not inferred:
            why = (
                "premises keep their parent's side"
                if role is Role.PREMISE
                else ("rebuttals take the other side")
            )
            self.report(
                (*path, "side"),
                "side-mismatch",
                f"side '{node.side}' contradicts the tree: {why}, so this node is "
                f"'{inferred}'; the explicit side is used",
                Severity.WARNING,
            )
            return node.side
        return inferred

    def _check_references(self) -> None:
        sources = self.map.sources
        for mapped in list(self.nodes.values()):
            node, path = mapped.node, mapped.path
            for i, card in enumerate(node.evidence):
                if card.source not in sources:
                    self.report(
                        (*path, "evidence", i, "source"),
                        "unknown-source",
                        f"source '{card.source}' is not in 'sources'"
                        + _did_you_mean(card.source, sources),
                    )
            for key, relation in (
                ("supports", Relation.SUPPORT),
                ("attacks", Relation.ATTACK),
                ("outweighs", Relation.OUTWEIGH),
            ):
                for i, target in enumerate(getattr(node, key)):
                    if target not in self.nodes:
                        self.report(
                            (*path, key, i),
                            "unknown-id",
                            f"'{key}' refers to unknown id '{target}'"
                            + _did_you_mean(target, self.nodes),
                        )
                        continue
                    if target == mapped.id:
                        self.report(
                            (*path, key, i), "self-reference", f"node '{target}' {key} itself"
                        )
                        continue
                    attack = None
                    if relation is Relation.ATTACK:
                        attack = (
                            Attack.REBUT
                            if self.nodes[target].role is Role.CLAIM
                            else Attack.UNDERMINE
                        )
                    self.edges.append(Edge(mapped.id, target, relation, attack, cross_link=True))
        if self.map.expect is not None:
            for status in type(self.map.expect).model_fields:  # `cut` too
                for i, target in enumerate(getattr(self.map.expect, status)):
                    if target not in self.nodes:
                        self.report(
                            ("expect", status, i),
                            "unknown-id",
                            f"'expect.{status}' refers to unknown id '{target}'"
                            + _did_you_mean(target, self.nodes),
                        )

    def _check_support_cycles(self) -> None:
        """Tree edges cannot loop, so every support cycle runs through a `supports` link."""
        supports: dict[str, list[str]] = {}
        for edge in self.edges:
            if edge.relation is Relation.SUPPORT:
                supports.setdefault(edge.source, []).append(edge.target)
        done: set[str] = set()
        for link in [e for e in self.edges if e.relation is Relation.SUPPORT and e.cross_link]:
            if link.source in done:
                continue
            cycle = _path_between(supports, link.target, link.source)
            if cycle is None:
                continue
            done.update(cycle)
            source = self.nodes[link.source]
            index = source.node.supports.index(link.target)
            self.report(
                (*source.path, "supports", index),
                "support-cycle",
                "support cycle: " + " -> ".join([link.source, *cycle]),
            )

    def _check_schemes(self) -> None:
        """`scheme` and `cq` name entries of the shipped library, and a cq fits its target.

        A cq on an attack names a question of the attacked argument: the scheme of the
        attacked node or, when that node is a premise, of the claim it supports. A cq on
        a premise names a question of its parent's scheme that the premise answers.
        A cq that fits no such scheme is a warning: the map still means something.
        The library is read only for a map that names a scheme or a question.
        """
        if all(m.node.scheme is None and m.node.cq is None for m in self.nodes.values()):
            return
        from argmap.schemes import scheme_library, split_cq

        library = scheme_library()
        out: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge.source, []).append(edge)
        for mapped in self.nodes.values():
            node, path = mapped.node, mapped.path
            if node.scheme is not None and node.scheme not in library:
                self.report(
                    (*path, "scheme"),
                    "unknown-scheme",
                    f"unknown scheme '{node.scheme}'"
                    + (_did_you_mean(node.scheme, library) or "; `argmap schemes` lists them"),
                )
            if node.cq is None:
                continue
            scheme_id, question_id = split_cq(node.cq)
            scheme = library.get(scheme_id)
            if scheme is None:
                self.report(
                    (*path, "cq"),
                    "unknown-scheme",
                    f"cq '{node.cq}' names unknown scheme '{scheme_id}'"
                    + (_did_you_mean(scheme_id, library) or "; `argmap schemes` lists them"),
                )
                continue
            if scheme.question(question_id) is None:
                self.report(
                    (*path, "cq"),
                    "unknown-cq",
                    f"scheme '{scheme_id}' has no question '{question_id}'"
                    + (
                        _did_you_mean(question_id, scheme.question_ids)
                        or f"; its questions: {', '.join(scheme.question_ids)}"
                    ),
                )
                continue
            self._check_cq_target(mapped, scheme_id, out.get(mapped.id, []), library)

    def _check_cq_target(
        self, mapped: MapNode, scheme_id: str, edges: list[Edge], library: dict[str, Scheme]
    ) -> None:
        related = [e for e in edges if e.relation is not Relation.OUTWEIGH]
        if not related:
            self.report(
                (*mapped.path, "cq"),
                "misplaced-field",
                "'cq' names the critical question an attack raises or a premise answers; "
                "this node attacks and supports nothing",
                key=True,
            )
            return
        owners: list[str] = []
        for edge in related:
            owners.append(edge.target)
            target = self.nodes[edge.target]
            if edge.relation is Relation.ATTACK and target.role is Role.PREMISE:
                owners.append(str(target.parent))  # a premise belongs to its parent's argument
        schemes = [self.nodes[o].node.scheme for o in owners]
        if scheme_id in schemes or any(s and s not in library for s in schemes):
            return  # fits, or the owner's own scheme is unknown and already reported
        named = sorted({f"'{o}' uses '{s}'" for o, s in zip(owners, schemes, strict=True) if s})
        if named:
            why = f"{', '.join(named)}; name one of its questions instead"
        else:
            why = f"'{owners[0]}' declares no scheme; add 'scheme: {scheme_id}' to it"
        self.report(
            (*mapped.path, "cq"),
            "cq-scheme-mismatch",
            f"cq '{mapped.node.cq}' is a question of scheme '{scheme_id}', but {why}",
            Severity.WARNING,
        )


def _path_between(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """A path start..goal along `graph`, found breadth-first, or None."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    for current in queue:
        if current == goal:
            path: list[str] = []
            step: str | None = current
            while step is not None:
                path.append(step)
                step = previous[step]
            return path[::-1]
        for nxt in graph.get(current, ()):
            if nxt not in previous:
                previous[nxt] = current
                queue.append(nxt)
    return None


def resolve_map(
    argmap: ArgMap, file: str, locate: Locate, locate_key: Locate | None = None
) -> tuple[MapGraph, list[Diagnostic]]:
    """Resolve ids, sides and relations; report what breaks the map's structure."""
    resolver = _Resolver(argmap, file, locate, locate_key or locate)
    graph = resolver.resolve()
    return graph, resolver.diagnostics


# --- Numbering: the codes debaters read aloud ("P2", "O1.3", "P2b") -------------------------


def argument_nodes(graph: MapGraph, head: str) -> list[str]:
    """`head` and its premises, recursively, in document order: one argument, not its attacks."""
    found: list[str] = []
    stack = [head]
    while stack:
        current = graph.nodes[stack.pop()]
        found.append(current.id)
        stack.extend(reversed(current.premises))
    return found


def argument_head(graph: MapGraph, node_id: str) -> str:
    """The root claim or rebuttal whose argument the node belongs to (itself, unless a premise)."""
    node = graph.nodes[node_id]
    while node.role is Role.PREMISE and node.parent is not None:
        node = graph.nodes[node.parent]
    return node.id


def theses(graph: MapGraph) -> list[str]:
    """Root claims that other contentions of their side support, and that support nothing.

    They frame a case (a thesis split into halves, a reading of the motion) rather than
    argue one point of it, so outputs show them above the numbered contentions.
    """
    found: list[str] = []
    for root in graph.roots:
        side = graph.nodes[root].side
        own = argument_nodes(graph, root)
        supporters = [
            argument_head(graph, edge.source)
            for member in own
            for edge in graph.edges_into(member, Relation.SUPPORT)
            if edge.cross_link
        ]
        supported = any(
            head != root and graph.nodes[head].role is Role.CLAIM and graph.nodes[head].side is side
            for head in supporters
        )
        supports_other = any(
            edge.cross_link for member in own for edge in graph.edges_from(member, Relation.SUPPORT)
        )
        if supported and not supports_other:
            found.append(root)
    return found


def side_letters(graph: MapGraph) -> dict[Side, str]:
    """One capital per side for numbering, from the side labels ("Affirmative" -> "A").

    Falls back to P and C when the labels start with the same letter or with none.
    """
    letters = {
        side: next((ch.upper() for ch in graph.side_label(side) if ch.isalpha()), "")
        for side in Side
    }
    if letters[Side.PRO] == letters[Side.CON] or not all(letters.values()):
        return {Side.PRO: "P", Side.CON: "C"}
    return letters


def numbering(graph: MapGraph) -> dict[str, str]:
    """A short code for every node, the same in every output and for both teams.

    - a root claim: its side's letter and its number among that side's contentions,
      in document order ("P1", "O2"); a thesis (see `theses`) is "PT" (or "PT1", "PT2").
    - a premise: the code of the argument it belongs to and a letter in document order
      ("P1a", "P1b"; nested premises continue the letters).
    - a rebuttal: the code of the argument it attacks (the claim or premise's head) and
      its number among the attacks on that argument ("O1.3" is the third answer to O1;
      "O1.3.1" the first reply to that answer).
    """
    letters = side_letters(graph)
    framing = theses(graph)
    codes: dict[str, str] = {}
    for side in Side:
        roots = [r for r in graph.roots if graph.nodes[r].side is side]
        heads = [r for r in roots if r in framing]
        for i, root in enumerate(heads, 1):
            codes[root] = f"{letters[side]}T" + (str(i) if len(heads) > 1 else "")
        for i, root in enumerate((r for r in roots if r not in framing), 1):
            codes[root] = f"{letters[side]}{i}"
    premise_count: dict[str, int] = {}
    rebuttal_count: dict[str, int] = {}
    for node in graph:  # document pre-order: a parent is always coded before its children
        if node.parent is None:
            continue
        head = argument_head(graph, node.parent)
        if node.role is Role.PREMISE:
            premise_count[head] = premise_count.get(head, 0) + 1
            codes[node.id] = codes[head] + _letters(premise_count[head])
        else:
            rebuttal_count[head] = rebuttal_count.get(head, 0) + 1
            codes[node.id] = f"{codes[head]}.{rebuttal_count[head]}"
    return codes


def _letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (spreadsheet-style)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out
