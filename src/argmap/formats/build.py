"""Build: turn the statements and relations an importer read into a valid argmap tree.

Argdown and AIF are graphs; Kialo is a tree with cross-links. Every importer
collects a `Draft` (statements in document order, relations in the order met) and
`build_map` does the rest, the same way for all of them:

- each statement's first relation that keeps the tree acyclic makes it a premise
  (support) or rebuttal (attack, undercut) of its target; every other relation
  becomes a cross-link (`supports`, `attacks`, `outweighs`);
- a single top claim with children is read as the motion (Kialo's thesis, an
  Argdown thesis, argmap's own exports): its supporters become the proposition's
  root claims and its attackers the opposition's;
- other root claims take their side from the source, else from their cross-links,
  else default to pro with a note;
- support cross-links that would close a support cycle, undercuts with no support
  to cut, and field values the model rejects are dropped with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from argmap.formats.base import ImportFailed, ImportNote
from argmap.graph import Relation
from argmap.load import MAX_DEPTH
from argmap.model import ArgMap, Attack, Node, Side, Sides, Source

# The deepest claim a map file can hold: each claim level is two YAML levels (a node
# and its premises/rebuttals list), and a node's own fields need three more.
MAX_CLAIM_DEPTH = (MAX_DEPTH - 6) // 2
_ID_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_ID_BAD_RUN = re.compile(r"[^A-Za-z0-9_.\-]+")


@dataclass
class Statement:
    """One node as read: its text and the fields the source gave it."""

    key: str  # the importer's own handle (Argdown title, AIF nodeID, Kialo number)
    text: str
    where: str
    title: str | None = None
    id_hint: str | None = None  # becomes the node's id (made valid and unique)
    side: Side | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # other Node fields


@dataclass
class Link:
    """A relation from `source` to `target` as read."""

    source: str
    target: str
    relation: Relation
    where: str
    attack: Attack | None = None  # an explicit kind; UNDERCUT for undercuts
    via: str | None = None  # an undercut's: the conclusion whose support it cuts
    group: str | None = None  # co-premises that support the target only together


@dataclass
class Draft:
    """Everything an importer read, before it is shaped into a map."""

    fallback_title: str
    statements: list[Statement] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)
    title: str | None = None
    motion: str | None = None
    sides: Sides | None = None
    sources: dict[str, Source] = field(default_factory=dict)  # cited by evidence fields
    # What the source lists under each statement, in its order (source, relation): for
    # formats that interleave premises, rebuttals and linked claims (Kialo).
    slots: dict[str, list[tuple[str, Relation]]] = field(default_factory=dict)

    def note(self, where: str, code: str, message: str) -> None:
        self.notes.append(ImportNote(where, code, message))


def build_map(draft: Draft) -> tuple[ArgMap, list[ImportNote]]:
    """The map the draft describes, and every note about what could not be kept."""
    return _Builder(draft).build()


class _Builder:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.by_key: dict[str, Statement] = {}
        self.order: dict[str, int] = {}
        for statement in draft.statements:
            if statement.key in self.by_key:
                draft.note(statement.where, "duplicate", f"'{statement.key}' is read twice")
                continue
            self.order[statement.key] = len(self.order)
            self.by_key[statement.key] = statement
        self.parent: dict[str, Link] = {}
        self.cross: list[Link] = []
        self.thesis: str | None = None
        self.under_thesis: set[str] = set()  # root claims that supported or attacked it

    def build(self) -> tuple[ArgMap, list[ImportNote]]:
        self._place_links()
        children = self._children()
        roots = [k for k in self.order if k not in self.parent]
        sides: dict[str, Side] = {}
        title = self.draft.title
        motion = self.draft.motion
        if len(roots) == 1 and children.get(roots[0]):
            thesis = self.by_key[roots[0]]
            self.thesis = thesis.key
            title = title or thesis.title or thesis.id_hint
            if motion is None and thesis.text.split() != (title or "").split():
                motion = thesis.text.strip()
            roots = children.pop(thesis.key)
            self.under_thesis = set(roots)
            # The motion is text only: notes kept on the thesis move to the first claim.
            notes = thesis.fields.get("notes")
            if notes:
                first = self.by_key[roots[0]].fields
                first["notes"] = "\n\n".join(n for n in (notes, first.get("notes")) if n)
            for key in roots:
                link = self.parent.pop(key)
                sides[key] = Side.PRO if link.relation is Relation.SUPPORT else Side.CON
                if link.attack is Attack.UNDERCUT:
                    self.draft.note(
                        link.where,
                        "undercut-root",
                        "an undercut of the motion reads as a con claim",
                    )
        self._assign_sides(roots, children, sides)
        links = self._cross_links()
        ids = self._ids(links)
        if self.thesis in self.draft.slots:  # root claims in the thesis's order
            listed: dict[str, int] = {}
            for i, (source, _) in enumerate(self.draft.slots[self.thesis]):
                listed.setdefault(source, i)
            roots.sort(key=lambda key: listed.get(key, len(listed)))
        places = self._places(roots, children, links) if self.draft.slots else {}
        claims = self._nodes(roots, children, sides, links, ids, places)
        argmap = ArgMap(
            argmap=1,
            title=(title or "").strip() or self.draft.fallback_title,
            motion=motion or None,
            sides=self.draft.sides or Sides(),
            sources=self.draft.sources,
            claims=claims,
        )
        return argmap, self.draft.notes

    # -- tree ---------------------------------------------------------------------------

    def _place_links(self) -> None:
        for link in self.draft.links:
            missing = [k for k in (link.source, link.target) if k not in self.by_key]
            if missing:
                self.draft.note(
                    link.where, "unknown-node", f"relation to unknown node '{missing[0]}' skipped"
                )
            elif link.source == link.target:
                self.draft.note(link.where, "self-relation", "a node relates to itself; skipped")
            elif (
                link.relation is Relation.OUTWEIGH
                or link.source in self.parent
                or self._is_ancestor(link.source, link.target, link.where)
            ):
                self.cross.append(link)
            else:
                self.parent[link.source] = link

    def _is_ancestor(self, key: str, of: str, where: str) -> bool:
        """Whether `key` is `of` or above it; refuses trees deeper than maps may be
        (which also keeps this walk, and the whole import, linear)."""
        current: str | None = of
        depth = 0
        while current is not None:
            if current == key:
                return True
            link = self.parent.get(current)
            current = link.target if link else None
            depth += 1
            if depth > MAX_CLAIM_DEPTH + 1:  # the thesis may sit above the root claims
                raise ImportFailed(
                    where,
                    f"claims are nested more than {MAX_CLAIM_DEPTH} levels deep; "
                    "a map cannot hold them",
                )
        return False

    def _children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for key in self.order:  # document order
            link = self.parent.get(key)
            if link is not None:
                children.setdefault(link.target, []).append(key)
        return children

    def _assign_sides(
        self, roots: list[str], children: dict[str, list[str]], sides: dict[str, Side]
    ) -> None:
        """Sides of every node: roots from the source or cross-links, the rest by the tree."""
        queue: list[str] = []  # nodes whose side is known, in the order they got it

        def spread(root: str, side: Side) -> None:
            stack = [(root, side)]
            while stack:
                key, current = stack.pop()
                sides[key] = current
                queue.append(key)
                for child in children.get(key, ()):
                    link = self.parent[child]
                    same = link.relation is Relation.SUPPORT
                    stack.append((child, current if same else current.other))

        # Roots without a side take it from cross-links to nodes whose side is known,
        # breadth first (linear: large imports have thousands of roots and links).
        touching: dict[str, list[Link]] = {}
        for link in self.cross:
            touching.setdefault(link.source, []).append(link)
            touching.setdefault(link.target, []).append(link)
        pending = dict.fromkeys(roots)
        for root in roots:
            given = sides.get(root) or self.by_key[root].side
            if given is not None:
                del pending[root]
                spread(root, given)
        index = 0
        while pending:
            while index < len(queue):
                known = queue[index]
                index += 1
                for link in touching.get(known, ()):
                    other = link.target if link.source == known else link.source
                    if other in pending:  # supporters share a side; others oppose
                        del pending[other]
                        side = sides[known]
                        side = side if link.relation is Relation.SUPPORT else side.other
                        spread(other, side)
            if pending:
                root = next(iter(pending))
                del pending[root]
                self.draft.note(
                    self.by_key[root].where,
                    "missing-side",
                    "no side for this root claim; set to pro",
                )
                spread(root, Side.PRO)
        for key, statement in self.by_key.items():
            if key in self.parent and statement.side not in (None, sides.get(key)):
                self.draft.note(
                    statement.where,
                    "side-ignored",
                    f"side '{statement.side}' ignored: the tree makes this node '{sides[key]}'",
                )

    # -- cross-links --------------------------------------------------------------------

    def _cross_links(self) -> list[Link]:
        kept: list[Link] = []
        seen: set[tuple[str, str, Relation]] = set()
        supports: dict[str, set[str]] = {}
        for key, link in self.parent.items():
            seen.add((key, link.target, link.relation))
            if link.relation is Relation.SUPPORT:
                supports.setdefault(key, set()).add(link.target)
        for link in self.cross:
            if self.thesis in (link.source, link.target):
                self.draft.note(
                    link.where,
                    "motion-link",
                    "a relation of the motion itself cannot be kept; skipped",
                )
                continue
            if link.attack is Attack.UNDERCUT:
                self.draft.note(
                    link.where,
                    "undercut-link",
                    "this node already has a place in the tree, so its undercut is kept as "
                    "a plain attack on the target",
                )
            triple = (link.source, link.target, link.relation)
            if triple in seen:
                self.draft.note(
                    link.where, "duplicate-link", "the same relation a second time; kept once"
                )
                continue
            if link.relation is Relation.SUPPORT:
                if _reaches(supports, link.target, link.source):
                    self.draft.note(
                        link.where,
                        "support-cycle",
                        "this support would close a support cycle; skipped",
                    )
                    continue
                supports.setdefault(link.source, set()).add(link.target)
            seen.add(triple)
            kept.append(link)
        return kept

    def _ids(self, links: list[Link]) -> dict[str, str]:
        wanted = {link.target for link in links}
        ids: dict[str, str] = {}
        taken: set[str] = set()
        for key, statement in self.by_key.items():
            if key == self.thesis or (statement.id_hint is None and key not in wanted):
                continue
            base = _valid_id(statement.id_hint or key)
            candidate, n = base, 1
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            taken.add(candidate)
            ids[key] = candidate
        return ids

    # -- order of children ----------------------------------------------------------------

    def _places(
        self, roots: list[str], children: dict[str, list[str]], links: list[Link]
    ) -> dict[str, list[int]]:
        """The `order` field of each node whose places differ from argmap's default.

        By default a node lists its premises, then its rebuttals, then the claims linked
        to it in document order (as `argmap.formats.kialo.child_slots` reads them); where
        the source lists them otherwise, every node listed there gets its place: under
        its parent first, then under each node it supports, then each it attacks.
        """
        tree: dict[str, list[str]] = {}  # premises, then rebuttals, in document order
        preorder: dict[str, int] = {}
        stack = list(reversed(roots))
        while stack:
            key = stack.pop()
            preorder[key] = len(preorder)
            kids = self._tree_children(key, children)
            tree[key] = kids
            stack.extend(reversed(kids))
        outgoing: dict[str, list[Link]] = {}
        for relation in (Relation.SUPPORT, Relation.ATTACK):  # supports, then attacks
            for link in links:
                if link.relation is relation:
                    outgoing.setdefault(link.source, []).append(link)
        incoming: dict[str, list[tuple[int, int, str, Relation]]] = {}
        for source, out in outgoing.items():
            for k, link in enumerate(out, 1):
                incoming.setdefault(link.target, []).append(
                    (preorder[source], k, source, link.relation)
                )

        def default(target: str) -> list[tuple[str, Relation]]:
            slots = [(c, self.parent[c].relation) for c in tree[target]]
            return slots + [(s, r) for _, _, s, r in sorted(incoming.get(target, ()))]

        given: dict[tuple[str, str, Relation], int] = {}  # (source, target, relation)
        for target, wanted in self.draft.slots.items():
            if target not in preorder:
                continue  # the thesis: root claims keep its order in the list of claims
            usual = default(target)
            listed = list(dict.fromkeys(wanted))
            if listed == usual:
                continue
            kept = set(usual)
            listed = [slot for slot in listed if slot in kept]
            placed = set(listed)
            listed += [slot for slot in usual if slot not in placed]
            if listed != usual:
                for i, (source, relation) in enumerate(listed, 1):
                    given[source, target, relation] = i
        usual_places: dict[str, dict[tuple[str, Relation], int]] = {}

        def usual_place(source: str, target: str, relation: Relation) -> int:
            if target not in usual_places:
                usual_places[target] = {s: i for i, s in enumerate(default(target), 1)}
            return usual_places[target][source, relation]

        places: dict[str, list[int]] = {}
        root_place = {key: i for i, key in enumerate(roots, 1)}
        for key in dict.fromkeys(source for source, _, _ in given):
            up = self.parent.get(key)
            where = [(key, up.target, up.relation) if up else None]
            where += [(key, link.target, link.relation) for link in outgoing.get(key, ())]
            # A root claim's own place is its place in the list of claims.
            order = [
                root_place[key] if w is None else given.get(w) or usual_place(*w) for w in where
            ]
            while order:  # a place left out is the usual one
                last = where[len(order) - 1]
                if last is None or order[-1] != usual_place(*last):
                    break
                order.pop()
            if order:
                places[key] = order
        return places

    def _tree_children(self, key: str, children: dict[str, list[str]]) -> list[str]:
        """Premises, then rebuttals, as the built node lists them."""
        kids = children.get(key, [])
        support = [c for c in kids if self.parent[c].relation is Relation.SUPPORT]
        return support + [c for c in kids if self.parent[c].relation is not Relation.SUPPORT]

    # -- nodes --------------------------------------------------------------------------

    def _nodes(
        self,
        roots: list[str],
        children: dict[str, list[str]],
        sides: dict[str, Side],
        links: list[Link],
        ids: dict[str, str],
        places: dict[str, list[int]],
    ) -> list[Node]:
        outgoing: dict[str, dict[str, list[str]]] = {}
        for link in links:
            key = {
                Relation.SUPPORT: "supports",
                Relation.ATTACK: "attacks",
                Relation.OUTWEIGH: "outweighs",
            }[link.relation]
            outgoing.setdefault(link.source, {}).setdefault(key, []).append(ids[link.target])
        # Post-order without recursion: deep imported trees must not hit Python's limit.
        order: list[str] = []
        stack = list(roots)
        while stack:
            key = stack.pop()
            order.append(key)
            stack.extend(children.get(key, ()))
        built: dict[str, Node] = {}
        for key in reversed(order):
            statement = self.by_key[key]
            up = self.parent.get(key)
            data: dict[str, Any] = {"id": ids.get(key)}
            if up is None:
                data["side"] = sides[key]
            data.update(self._fields(statement, up))
            data.update(outgoing.get(key, {}))
            if places.get(key):
                data["order"] = places[key]
            premises: list[Node] = []
            rebuttals: list[Node] = []
            for child in children.get(key, ()):
                kind = self.parent[child].relation
                (premises if kind is Relation.SUPPORT else rebuttals).append(built.pop(child))
            data["premises"], data["rebuttals"] = premises, rebuttals
            built[key] = Node.model_validate({k: v for k, v in data.items() if v is not None})
        return [built[key] for key in roots]

    def _fields(self, statement: Statement, link: Link | None) -> dict[str, Any]:
        """The statement's own fields, each checked by the model, and the link's kind."""
        data: dict[str, Any] = {"text": statement.text.strip() or statement.title}
        if not data["text"] or not data["text"].strip():
            # Named by where it stands in the source, so that it can be found there.
            data["text"] = f"Untitled ({statement.where})"
            self.draft.note(
                statement.where, "empty-text", f"a node without text; named '{data['text']}'"
            )
        if statement.title and statement.title.strip():
            data["title"] = statement.title.strip()
        fields = dict(statement.fields)
        role_fields = {"turn"} if link is None or link.relation is Relation.SUPPORT else set()
        for name in role_fields & fields.keys():
            del fields[name]
            self.draft.note(
                statement.where, "misplaced-field", f"'{name}' applies to rebuttals; dropped"
            )
        if link is not None and link.relation is Relation.ATTACK:
            attack = link.attack
            if attack is Attack.UNDERCUT and link.target in self.under_thesis:
                pass  # cuts the root claim's bearing on the motion, as argmap reads it
            elif attack is Attack.UNDERCUT and link.target not in self.parent:
                self.draft.note(
                    link.where,
                    "undercut-root",
                    "an undercut of a root claim has no support to cut; read as a rebuttal",
                )
                attack = None
            elif attack is Attack.UNDERCUT and link.via not in (None, self._parent_of(link)):
                self.draft.note(
                    link.where,
                    "undercut-moved",
                    "the undercut support is not the one kept in the tree; it now cuts the "
                    "support its target gives to its parent",
                )
            data["attack"] = attack
        if link is not None and link.relation is Relation.SUPPORT:
            data["group"] = link.group
        for name, value in fields.items():
            try:
                Node.model_validate({"text": "x", name: value})
            except ValidationError:
                self.draft.note(
                    statement.where, "invalid-field", f"'{name}: {value!r}' is not valid; dropped"
                )
                continue
            data[name] = value
        return data

    def _parent_of(self, link: Link) -> str | None:
        up = self.parent.get(link.target)
        return up.target if up else None


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen = {start}
    stack = [start]
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        for nxt in graph.get(current, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def is_valid_id(text: str) -> bool:
    """Whether `text` can be a node's id as it stands."""
    return bool(_ID_OK.match(text)) and len(text) <= 60


def _valid_id(hint: str) -> str:
    """`hint` if it is a valid id, else a slug of it ('Cost of living' -> 'Cost-of-living')."""
    hint = hint.strip()
    if _ID_OK.match(hint) and len(hint) <= 60:
        return hint
    slug = _ID_BAD_RUN.sub("-", hint).strip("-.")[:60].strip("-.")
    return slug if slug and _ID_OK.match(slug) else f"n-{slug}" if slug else "n"
