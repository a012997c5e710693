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

import bisect
import json
import re
from collections.abc import Mapping
from typing import Any

from argmap.analysis import Verdict
from argmap.formats.base import (
    ImportFailed,
    ImportNote,
    dropped_fields,
    map_title,
    pointer,
    read_json,
    scheme_names,
    thesis_of,
)
from argmap.formats.build import Draft, Link, Statement, build_map, is_valid_id
from argmap.graph import Edge, MapGraph, Relation, Role
from argmap.model import ArgMap, Attack, Side

NAME = "Argdown"
# Argdown fields stored as inline data; the rest of argmap's node fields are dropped.
_DATA_FIELDS = ("turn", "implicit", "analytic", "scheme", "cq", "strength")
_TITLE_BAD = re.compile(r"[\[\]<>\n\r]|^\s|\s$|^-|^Untitled \d+$")
_ALWAYS_ESCAPED = set("\\@#*_[]<>{}")
_SIDE_COLOURS = {Side.PRO: "#a6dba0", Side.CON: "#c2a5cf"}


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The map as Argdown source, and what Argdown could not hold."""
    argmap = graph.map
    warnings = dropped_fields(
        graph, NAME, kept=("title", "tags", "group", "supports", "attacks", *_DATA_FIELDS)
    )
    thesis_text = thesis_of(graph)
    thesis = _one_line(argmap.title)
    thesis = thesis if not _TITLE_BAD.search(thesis) else "Motion"
    titles, renamed = _titles(graph, thesis if thesis_text is not None else None)
    if renamed:
        warnings.append(
            f"{NAME} titles must be unique and free of [ ] < >: {renamed} titles replaced by ids"
        )
    side_tags = sum(1 for m in graph for t in m.node.tags if t in ("pro", "con"))
    if side_tags:
        warnings.append(
            f"{NAME} export uses #pro and #con for sides: {side_tags} tags named so dropped"
        )
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
    ]
    if thesis_text is not None:
        lines.append(f"[{thesis}]: {_escape(thesis_text)}")
    cross: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        if edge.cross_link and edge.relation is not Relation.OUTWEIGH:
            cross.setdefault(edge.source, []).append(edge)
    # Without a thesis the root claims stand alone, each in its own paragraph.
    top = 1 if thesis_text is not None else 0
    stack = [(root, top) for root in reversed(graph.roots)]
    while stack:
        node_id, depth = stack.pop()
        mapped = graph[node_id]
        if mapped.role is Role.CLAIM:
            symbol = ("+ " if mapped.side is Side.PRO else "- ") if top else ""
            if not top and node_id != graph.roots[0]:
                lines.append("")
        elif mapped.role is Role.PREMISE:
            symbol = "+ "
        else:  # an undercut of a root claim cuts its inference to the thesis
            symbol = "_ " if mapped.attack is Attack.UNDERCUT else "- "
        indent = "  " * depth
        lines.append(f"{indent}{symbol}<{titles[node_id]}>: {_describe(mapped, titles)}")
        for edge in cross.get(node_id, ()):
            arrow = "+>" if edge.relation is Relation.SUPPORT else "->"
            lines.append(f"{indent}  {arrow} <{titles[edge.target]}>")
        kids = [c.id for c in graph.children(node_id)]
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    root_undercuts = sum(
        1 for m in graph if m.attack is Attack.UNDERCUT and graph[str(m.parent)].role is Role.CLAIM
    )
    if root_undercuts and thesis_text is None:
        warnings.append(
            f"{NAME}: {root_undercuts} undercuts of root claims cut nothing without a motion "
            "(written as undercuts of arguments with no conclusion)"
        )
    return "\n".join(lines) + "\n", warnings


def _titles(graph: MapGraph, thesis: str | None) -> tuple[dict[str, str], int]:
    """Argdown titles: the node's title when usable and unique, else its id."""
    counts: dict[str, int] = {}
    for mapped in graph:
        if mapped.node.title:
            counts[mapped.node.title] = counts.get(mapped.node.title, 0) + 1
    taken = {thesis} if thesis else set()
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


def _describe(mapped: Any, titles: Mapping[str, str]) -> str:
    node = mapped.node
    tags = [mapped.side.value, *(t for t in node.tags if t not in ("pro", "con"))]
    parts = [_escape(node.text), *(_tag(t) for t in tags)]
    data: dict[str, Any] = {}
    if mapped.explicit_id and titles[mapped.id] != mapped.id:
        data["id"] = mapped.id  # the title stands in the map; the id travels as data
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
    """Text as Argdown reads it back literally: one line, control characters escaped.

    A `.` or `:` followed by anything but a space may open a shortcode (`.A.` is
    Argdown's ∀, `:smile:` an emoji), so each is escaped: `U\\.S\\.A.` reads back as
    `U.S.A.` (checked against the Argdown CLI, which unescapes them all).
    """
    text = _one_line(text)
    out = []
    for i, char in enumerate(text):
        after = text[i + 1 : i + 2]
        if (
            char in _ALWAYS_ESCAPED
            or (char in ".:" and after.strip())
            or (char == "/" and after in ("/", "*"))
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


# -- import ---------------------------------------------------------------------------


def import_map(
    text: str, file: str = "<string>", *, keep_prose: bool = False
) -> tuple[ArgMap, list[ImportNote]]:
    """Read the JSON `argdown json` writes (statements, arguments, relations).

    Headings and top-level prose (paragraphs that are no part of an argument) are
    not claims: they are dropped with a warning each, or with `keep_prose` kept as
    the notes of the claim that follows them.
    """
    data = read_json(text)
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ImportFailed(
            "/", "not Argdown JSON: expected an object with 'statements', 'arguments', 'relations'"
        )
    for name, kind in (("arguments", dict), ("relations", list), ("sections", list)):
        if data.get(name) is not None and not isinstance(data[name], kind):
            what = "an object" if kind is dict else "a list"
            raise ImportFailed(pointer(name), f"not Argdown JSON: '{name}' must be {what}")
    reader = _ArgdownReader(Draft(fallback_title=map_title(file, "Imported map")), keep_prose)
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
    def __init__(self, draft: Draft, keep_prose: bool) -> None:
        self.draft = draft
        self.keep_prose = keep_prose
        self.line_of: dict[str, int] = {}
        self.keys: dict[tuple[str, str], str] = {}  # (kind, title) -> statement key
        self.found: list[tuple[tuple[int, int], Statement]] = []
        self.attack_of: dict[str, Attack] = {}
        self.occurrences: list[tuple[int, int, str]] = []  # (line, column, key) of members
        self.defined_at: dict[str, tuple[int, int]] = {}
        self.group_of: dict[str, str] = {}
        self.auto: set[str] = set()  # elements Argdown titled 'Untitled N'
        self.prose_text: dict[str, str] = {}  # their text with its #tags, for notes

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
        self._prose(data.get("sections") or [])
        # Argdown lists relations in no document order; the one written by indenting a
        # node under another is its place in the tree, so it goes first.
        parents = self._syntactic_parents()
        self.draft.links.sort(key=lambda link: parents.get(link.source) != link.target)

    def _prose(self, sections: list[Any]) -> None:
        """Headings and top-level prose: Argdown gives prose paragraphs a statement of
        their own ('Untitled 3') that nothing relates to. Neither is a claim."""
        touched = {k for link in self.draft.links for k in (link.source, link.target)}
        prose = [
            st
            for st in self.draft.statements
            if st.key.startswith("s:") and st.key in self.auto and st.key not in touched
        ]
        headings: list[tuple[int, str, str]] = []  # line, text, where
        stack = [(pointer("sections", i), s) for i, s in enumerate(sections)]
        while stack:
            where, section = stack.pop()
            if not isinstance(section, dict):
                continue
            line = section.get("startLine")
            line = line if isinstance(line, int) else 0
            level = section.get("level")
            marks = "#" * level if isinstance(level, int) and 0 < level < 7 else "#"
            headings.append((line, f"{marks} {section.get('title') or ''}".strip(), where))
            children = section.get("children")
            if isinstance(children, list):
                stack.extend((f"{where}/children/{i}", c) for i, c in enumerate(children))
        if not self.keep_prose:
            for st in prose:
                self.draft.note(
                    st.where,
                    "prose",
                    "a paragraph that is no part of an argument is not a claim; dropped "
                    "(--keep-prose keeps it as notes)",
                )
            for line, text, where in sorted(headings):
                self.draft.note(
                    f"{where} (line {line})" if line else where,
                    "heading",
                    f"heading '{text}' dropped: maps have no sections "
                    "(--keep-prose keeps it as notes)",
                )
        prose_keys = {st.key for st in prose}
        self.draft.statements = [st for st in self.draft.statements if st.key not in prose_keys]
        if not self.keep_prose or not self.draft.statements:
            return
        # Each heading and paragraph becomes a note of the next claim, or of the last.
        claims = sorted(
            (self.line_of.get(st.key, 0), i) for i, st in enumerate(self.draft.statements)
        )
        extra = sorted(
            [(self.line_of.get(st.key, 0), self.prose_text.get(st.key, st.text)) for st in prose]
            + [(line, text) for line, text, _ in headings]
        )
        notes: dict[int, list[str]] = {}
        lines = [line for line, _ in claims]
        for line, text in extra:
            at = bisect.bisect_right(lines, line)
            index = claims[min(at, len(claims) - 1)][1]
            notes.setdefault(index, []).append(text)
        for index, texts in notes.items():
            statement = self.draft.statements[index]
            statement.fields["notes"] = "\n\n".join(texts)

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
        members = [m for m in _list(element.get("members")) if isinstance(m, dict)]
        defined = [m for m in members if not m.get("isReference") and m.get("text")]
        canonical = next(
            (m for m in reversed(defined) if _dict(m.get("data")).get("isCanonical")), None
        )
        member = canonical or (defined[-1] if defined else {})
        raw = member.get("text")
        if raw is not None and not isinstance(raw, str):
            self.draft.note(where, "not-text", "'text' is not a string; read as empty")
            raw = None
        text = _plain_text(raw or "", _list(member.get("ranges")))
        auto = re.fullmatch(r"Untitled \d+", title) is not None
        key = f"{kind}:{title}"
        if auto:  # a paragraph, if nothing relates to it: kept as notes with its #tags
            self.auto.add(key)
            self.prose_text[key] = _plain_text(raw or "", _list(member.get("ranges")), tags=True)
        if not text:
            text = title  # an argument without a description is named by its title
        tags = [str(t) for t in _list(element.get("tags")) if isinstance(t, str | int)]
        side = next((Side(t) for t in tags if t in ("pro", "con")), None)
        fields: dict[str, Any] = {}
        user_tags = [t for t in tags if t not in ("pro", "con")]
        if user_tags:
            fields["tags"] = user_tags
        lines = [(_int(m.get("startLine")), _int(m.get("startColumn"))) for m in members]
        self.occurrences.extend((line, col, key) for line, col in lines if line)
        if _int(member.get("startLine")):
            self.defined_at[key] = (_int(member.get("startLine")), _int(member.get("startColumn")))
        # Document order is where an element is defined, not where it is first named.
        position = self.defined_at.get(key) or min((p for p in lines if p[0]), default=(10**9, 0))
        if position[0] < 10**9:
            where = f"{where} (line {position[0]})"
            self.line_of[key] = position[0]
        id_hint = self._data(key, member.get("data") or {}, fields, where)
        # A title that is a valid id is the node's id ('G1a'); any other title is kept
        # exactly as written ('Vitalitäts-Argument'), and the id is derived from it.
        titled = None if auto or is_valid_id(title) else title
        if auto:
            id_hint = None
        elif id_hint is None:
            id_hint = title
        statement = Statement(key, text, where, titled, id_hint, side, fields)
        self.keys[(kind, title)] = key
        self.found.append((position, statement))

    def _data(self, key: str, data: Any, fields: dict[str, Any], where: str) -> str | None:
        """Reads argmap's inline data into `fields`; returns the node's id if given."""
        if not isinstance(data, dict):
            return None
        schemes = scheme_names()
        given_id = None
        for name, value in data.items():
            if name == "id" and isinstance(value, str) and is_valid_id(value):
                given_id = value
            elif name == "attack" and value in ("rebut", "undermine", "undercut"):
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
        return given_id

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


def _plain_text(text: str, ranges: list[Any], *, tags: bool = False) -> str:
    """The text without its #tags (tags are read from the element's tag list; `tags`
    keeps them) and with its links as Markdown links (Argdown keeps a link's URL in a
    range)."""
    spans = []
    for r in ranges:
        if isinstance(r, dict) and r.get("type") in ("tag", "link"):
            start, stop = _int(r.get("start")), _int(r.get("stop"), -1)
            if 0 <= start <= stop < len(text):
                spans.append((start, stop, r))
    for start, stop, r in sorted(spans, key=lambda span: -span[0]):
        if r["type"] == "tag" and text[start] == "#" and not tags:
            text = text[:start] + text[stop + 1 :]
        elif r["type"] == "link" and isinstance(r.get("url"), str):
            label = text[start : stop + 1].replace("]", "\\]")
            url = r["url"].replace(")", "%29").replace(" ", "%20")
            text = f"{text[:start]}[{label}]({url}){text[stop + 1 :]}"
    return " ".join(text.split())


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _known_cq(ref: str) -> bool:
    scheme, _, question = ref.partition(".")
    return question in scheme_names().questions.get(scheme, frozenset())
