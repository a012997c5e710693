"""Argdown: export Argdown source; import the JSON that `argdown json` writes.

The export is a debate map in Argdown's own idiom: the motion is the top statement
(titled with the map's title), every claim, premise and rebuttal is an argument
hanging below it with `+` (supports), `-` (attacks) or `_` (undercuts), cross-links
are outgoing relations (`+> <Target>`, `-> <Target>`), each node carries its side as
the tag `#pro` or `#con` (coloured through the front matter) before its own tags, and
argmap fields Argdown has no syntax for travel as inline data
(`{attack: "rebut", group: "g1", scheme: "expert-opinion"}`). Evidence, notes,
impact and outweighing have no place in Argdown: the export lists what it dropped.

The import reads Argdown's model as a graph (statements, arguments and relations,
with reconstructed premise-conclusion structures) and shapes it with `build_map`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.analysis import Verdict
from argmap.formats.base import ImportFailed, ImportNote, dropped_fields, pointer, scheme_names
from argmap.formats.build import Draft, Link, Statement, build_map
from argmap.graph import Edge, MapGraph, Relation, Role
from argmap.model import ArgMap, Attack, Side

NAME = "Argdown"
# Argdown fields stored as inline data; the rest of argmap's node fields are dropped.
_DATA_FIELDS = ("turn", "implicit", "analytic", "scheme", "cq", "strength")
_TITLE_BAD = re.compile(r"[\[\]<>\n\r]|^\s|\s$|^-|^Untitled \d+$")
_ALWAYS_ESCAPED = set("\\@#*_[]<>{}")
# `.name.` and `:name:` are shortcodes (emoji, logic symbols) in Argdown text.
_SHORTCODE = re.compile(r"[.:][^\s]+?[.:]")
_SIDE_COLOURS = {Side.PRO: "#a6dba0", Side.CON: "#c2a5cf"}


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The map as Argdown source, and what Argdown could not hold."""
    argmap = graph.map
    warnings = dropped_fields(
        graph, NAME, kept=("title", "tags", "group", "supports", "attacks", *_DATA_FIELDS)
    )
    thesis = _one_line(argmap.title)
    thesis = thesis if not _TITLE_BAD.search(thesis) else "Motion"
    titles, renamed = _titles(graph, thesis)
    if renamed:
        warnings.append(
            f"{NAME} titles must be unique and free of [ ] < >: {renamed} titles replaced by ids"
        )
    side_tags = sum(1 for m in graph for t in m.node.tags if t in ("pro", "con"))
    if side_tags:
        warnings.append(
            f"{NAME} export uses #pro and #con for sides: {side_tags} tags named so dropped"
        )
    thesis_text = argmap.motion or argmap.title
    lines = [
        "===",
        f"title: {json.dumps(_one_line(argmap.title), ensure_ascii=False)}",
        *(
            [f"subTitle: {json.dumps(_one_line(argmap.motion), ensure_ascii=False)}"]
            if argmap.motion
            else []
        ),
        "model:",
        "  removeTagsFromText: true",
        "color:",
        "  tagColors:",
        *(f'    {side}: "{colour}"' for side, colour in _SIDE_COLOURS.items()),
        "===",
        "",
        f"// Exported by argmap. #pro is {_comment(argmap.sides.pro)}, "
        f"#con is {_comment(argmap.sides.con)}.",
        "",
        f"[{thesis}]: {_escape(thesis_text)}",
    ]
    cross: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        if edge.cross_link and edge.relation is not Relation.OUTWEIGH:
            cross.setdefault(edge.source, []).append(edge)
    root_undercuts = 0
    stack = [(root, 1) for root in reversed(graph.roots)]
    while stack:
        node_id, depth = stack.pop()
        mapped = graph[node_id]
        if mapped.role is Role.CLAIM:
            symbol = "+" if mapped.side is Side.PRO else "-"
        elif mapped.role is Role.PREMISE:
            symbol = "+"
        elif mapped.attack is Attack.UNDERCUT and graph[str(mapped.parent)].role is Role.CLAIM:
            symbol, root_undercuts = "-", root_undercuts + 1
        else:
            symbol = "_" if mapped.attack is Attack.UNDERCUT else "-"
        indent = "  " * depth
        lines.append(f"{indent}{symbol} <{titles[node_id]}>: {_describe(mapped)}")
        for edge in cross.get(node_id, ()):
            arrow = "+>" if edge.relation is Relation.SUPPORT else "->"
            lines.append(f"{indent}  {arrow} <{titles[edge.target]}>")
        kids = [c.id for c in graph.children(node_id)]
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    if root_undercuts:
        warnings.append(
            f"{NAME} cannot undercut a root claim's (absent) support: {root_undercuts} "
            "undercuts exported as attacks"
        )
    return "\n".join(lines) + "\n", warnings


def _titles(graph: MapGraph, thesis: str) -> tuple[dict[str, str], int]:
    """Argdown titles: the node's title when usable and unique, else its id."""
    counts: dict[str, int] = {}
    for mapped in graph:
        if mapped.node.title:
            counts[mapped.node.title] = counts.get(mapped.node.title, 0) + 1
    taken = {thesis}
    titles: dict[str, str] = {}
    renamed = 0
    for mapped in graph:
        title = mapped.node.title
        if (
            title
            and counts[title] == 1
            and title not in graph.nodes
            and title not in taken
            and not _TITLE_BAD.search(title)
        ):
            titles[mapped.id] = title
        else:
            renamed += title is not None
            titles[mapped.id] = mapped.id
        taken.add(titles[mapped.id])
    return titles, renamed


def _describe(mapped: Any) -> str:
    node = mapped.node
    tags = [mapped.side.value, *(t for t in node.tags if t not in ("pro", "con"))]
    parts = [_escape(node.text), *(_tag(t) for t in tags)]
    data: dict[str, Any] = {}
    if node.attack is not None and node.attack is not Attack.UNDERCUT:
        data["attack"] = node.attack.value
    if node.group is not None:
        data["group"] = node.group
    for name in _DATA_FIELDS:
        value = getattr(node, name)
        if value not in (None, False):
            data[name] = value
    if data:
        parts.append("{" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in data.items()) + "}")
    return " ".join(parts)


def _tag(tag: str) -> str:
    if re.fullmatch(r"[-A-Za-z0-9\u00a0-\ud7ff]+", tag):
        return f"#{tag}"
    return "#(" + tag.replace(")", "").replace("\n", " ") + ")"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment(text: str) -> str:
    return _one_line(text).replace("*/", "* /")


def _escape(text: str) -> str:
    """Text as Argdown reads it back literally: one line, control characters escaped."""
    text = _one_line(text)
    starts = {m.start() for m in _SHORTCODE.finditer(text)}
    out = []
    for i, char in enumerate(text):
        if (
            char in _ALWAYS_ESCAPED
            or i in starts
            or (char == "/" and text[i + 1 : i + 2] in ("/", "*"))
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


# -- import ---------------------------------------------------------------------------


def import_map(text: str, file: str = "<string>") -> tuple[ArgMap, list[ImportNote]]:
    """Read the JSON `argdown json` writes (statements, arguments, relations)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{exc.lineno}:{exc.colno}", f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ImportFailed(
            "/", "not Argdown JSON: expected an object with 'statements', 'arguments', 'relations'"
        )
    reader = _ArgdownReader(Draft(fallback_title=Path(file).stem or "Imported map"))
    reader.read(data)
    return build_map(reader.draft)


_PRESENTATION = {
    "isInMap",
    "isInGroup",
    "isGroup",
    "isClosed",
    "isCanonical",
    "rank",
    "images",
    "color",
    "uses",
    "logic",
}
_RELATIONS = {
    "support": (Relation.SUPPORT, None),
    "entails": (Relation.SUPPORT, None),
    "attack": (Relation.ATTACK, None),
    "contrary": (Relation.ATTACK, None),
    "contradictory": (Relation.ATTACK, None),
    "undercut": (Relation.ATTACK, Attack.UNDERCUT),
}


class _ArgdownReader:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.keys: dict[tuple[str, str], str] = {}  # (kind, title) -> statement key
        self.found: list[tuple[tuple[int, int], Statement]] = []
        self.attack_of: dict[str, Attack] = {}
        self.occurrences: list[tuple[int, int, str]] = []  # (line, column, key) of members
        self.defined_at: dict[str, tuple[int, int]] = {}
        self.group_of: dict[str, str] = {}

    def read(self, data: dict[str, Any]) -> None:
        for title, ec in data["statements"].items():
            self._statement("s", title, ec, pointer("statements", title))
        arguments = data.get("arguments") or {}
        for title, argument in arguments.items():
            self._statement("a", title, argument, pointer("arguments", title))
        self.found.sort(key=lambda pair: pair[0])
        self.draft.statements = [statement for _, statement in self.found]
        for title, argument in arguments.items():
            if isinstance(argument, dict):
                self._pcs(title, argument, pointer("arguments", title))
        for i, relation in enumerate(data.get("relations") or []):
            self._relation(relation, pointer("relations", i))
        # Argdown lists relations in no document order; the one written by indenting a
        # node under another is its place in the tree, so it goes first.
        parents = self._syntactic_parents()
        self.draft.links.sort(key=lambda link: parents.get(link.source) != link.target)

    def _syntactic_parents(self) -> dict[str, str]:
        """Each element's enclosing element in the source: the nearest occurrence above
        its definition that is indented less."""
        occurrences = sorted(self.occurrences)
        parents: dict[str, str] = {}
        stack: list[tuple[int, str]] = []  # (column, key), columns increasing
        for line, column, key in occurrences:
            while stack and stack[-1][0] >= column:
                stack.pop()
            if self.defined_at.get(key) == (line, column) and stack:
                parents[key] = stack[-1][1]
            stack.append((column, key))
        return parents

    def _statement(self, kind: str, title: str, element: Any, where: str) -> None:
        if not isinstance(element, dict):
            self.draft.note(
                where, "unknown-element", "not an Argdown statement or argument; skipped"
            )
            return
        members = [m for m in element.get("members") or [] if isinstance(m, dict)]
        defined = [m for m in members if not m.get("isReference") and m.get("text")]
        canonical = next(
            (m for m in reversed(defined) if (m.get("data") or {}).get("isCanonical")), None
        )
        member = canonical or (defined[-1] if defined else {})
        text = _strip_tags(str(member.get("text") or ""), member.get("ranges") or [])
        auto = re.fullmatch(r"Untitled \d+", title) is not None
        if not text:
            text = "" if auto else title
        tags = [str(t) for t in element.get("tags") or []]
        side = next((Side(t) for t in tags if t in ("pro", "con")), None)
        fields: dict[str, Any] = {}
        user_tags = [t for t in tags if t not in ("pro", "con")]
        if user_tags:
            fields["tags"] = user_tags
        key = f"{kind}:{title}"
        lines = [(m.get("startLine") or 0, m.get("startColumn") or 0) for m in members]
        self.occurrences.extend((line, col, key) for line, col in lines if line)
        if member.get("startLine"):
            self.defined_at[key] = (member["startLine"], member.get("startColumn") or 0)
        # Document order is where an element is defined, not where it is first named.
        position = self.defined_at.get(key) or min((p for p in lines if p[0]), default=(10**9, 0))
        if position[0] < 10**9:
            where = f"{where} (line {position[0]})"
        self._data(key, member.get("data") or {}, fields, where)
        titled = None if auto or " " not in title.strip() else title
        statement = Statement(key, text, where, titled, None if auto else title, side, fields)
        self.keys[(kind, title)] = key
        self.found.append((position, statement))

    def _data(self, key: str, data: Any, fields: dict[str, Any], where: str) -> None:
        if not isinstance(data, dict):
            return
        schemes = scheme_names()
        for name, value in data.items():
            if name == "attack" and value in ("rebut", "undermine", "undercut"):
                self.attack_of[key] = Attack(value)
            elif name == "group" and isinstance(value, str | int):
                self.group_of[key] = str(value)
            elif name == "scheme" and isinstance(value, str) and schemes.match(value):
                fields["scheme"] = schemes.match(value)
            elif name == "cq" and isinstance(value, str) and _known_cq(value):
                fields["cq"] = value
            elif name in ("turn", "implicit", "analytic", "strength"):
                fields[name] = value
            elif name not in _PRESENTATION:
                self.draft.note(
                    where, "unknown-data", f"data '{name}' has no argmap field; dropped"
                )

    def _pcs(self, title: str, argument: dict[str, Any], where: str) -> None:
        """A reconstructed argument: its premises support it together; it supports its
        main conclusion; intermediate conclusions rest on the premises before them."""
        pcs = [s for s in argument.get("pcs") or [] if isinstance(s, dict)]
        if not pcs:
            return
        arg_key = self.keys.get(("a", title))
        if arg_key is None:
            return
        pending: list[str] = []
        for i, statement in enumerate(pcs):
            key = self.keys.get(("s", str(statement.get("title"))))
            if key is None:
                continue
            here = pointer("arguments", title, "pcs", i)
            if statement.get("role") == "main-conclusion":
                self._premises(pending, arg_key, here, f"{title}")
                self.draft.links.append(Link(arg_key, key, Relation.SUPPORT, here))
                pending = []
            elif statement.get("role") == "intermediary-conclusion":
                self._premises(pending, key, here, f"{title}-{i + 1}")
                pending = [key]
            else:
                pending.append(key)
        if pending:
            self._premises(pending, arg_key, where, title)

    def _premises(self, premises: list[str], target: str, where: str, group: str) -> None:
        for premise in premises:
            link_group = group if len(premises) > 1 else None
            self.draft.links.append(
                Link(premise, target, Relation.SUPPORT, where, group=link_group)
            )

    def _relation(self, relation: Any, where: str) -> None:
        if not isinstance(relation, dict):
            self.draft.note(where, "unknown-relation", "not a relation; skipped")
            return
        kind = str(relation.get("relationType"))
        if kind not in _RELATIONS:
            self.draft.note(
                where, "unknown-relation", f"relation type '{kind}' is not known; skipped"
            )
            return
        source = self._key(relation.get("from"), relation.get("fromType"))
        target = self._key(relation.get("to"), relation.get("toType"))
        if source is None or target is None:
            self.draft.note(where, "unknown-node", "relation between unknown elements; skipped")
            return
        if kind in ("entails", "contrary", "contradictory"):
            self.draft.note(where, "logical-relation", f"'{kind}' read as {_RELATIONS[kind][0]}")
        relation_kind, attack = _RELATIONS[kind]
        if attack is None and relation_kind is Relation.ATTACK:
            attack = self.attack_of.get(source)
            attack = attack if attack is not Attack.UNDERCUT else None
        group = self.group_of.get(source) if relation_kind is Relation.SUPPORT else None
        self.draft.links.append(Link(source, target, relation_kind, where, attack, group=group))

    def _key(self, title: Any, kind: Any) -> str | None:
        wanted = "s" if kind == "equivalence-class" else "a"  # inferences belong to arguments
        return self.keys.get((wanted, str(title)))


def _strip_tags(text: str, ranges: list[Any]) -> str:
    """The text without its #tags (tags are read from the element's tag list)."""
    for r in sorted(
        (r for r in ranges if isinstance(r, dict) and r.get("type") == "tag"),
        key=lambda r: -int(r.get("start", 0)),
    ):
        start, stop = int(r.get("start", 0)), int(r.get("stop", -1))
        if text[start : start + 1] == "#":
            text = text[:start] + text[stop + 1 :]
    return " ".join(text.split())


def _known_cq(ref: str) -> bool:
    scheme, _, question = ref.partition(".")
    return question in scheme_names().questions.get(scheme, frozenset())
