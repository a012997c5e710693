"""Kialo: the plain-text discussion export, both ways.

    Discussion Title: Should schools require uniforms?

    1. Schools should require uniforms.
    1.1. Pro: Uniforms reduce bullying.
    1.1.1. Con: Bullying moves to other markers \\(shoes, phones\\).
    1.2. Con: Uniforms cost families money.
    1.2.1. Pro: -> See 1.1.1.

The thesis `1.` is the motion; every claim is `Pro` or `Con` relative to its parent;
`-> See N.` repeats claim N under another parent (argmap's cross-links); parentheses
are backslash-escaped; a claim may run on over lines that carry no number.
Kialo has no titles, evidence, tags, schemes, undercuts or outweighing: the export
lists what it dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from argmap.analysis import Verdict
from argmap.formats.base import ImportFailed, ImportNote, dropped_fields, map_title
from argmap.formats.build import Draft, Link, Statement, build_map
from argmap.graph import MapGraph, Relation, Role
from argmap.load import MAX_BYTES
from argmap.model import ArgMap, Attack, Side, Source

NAME = "Kialo"
_TITLE = "Discussion Title:"
_TITLES = (_TITLE, "Discussion Name:")  # older exports, current ones
_SOURCES = "Sources:"
_FOOTNOTE = re.compile(r"^\s*\[(\d+)\][ \t]*(.*)$")
_MARK = re.compile(r"\[(\d+)\](?!\()")  # a footnote mark, not a link's label
_URL = re.compile(r"https?://[^\s)\]]+")
_CLAIM = re.compile(r"^([ \t]*)(\d+(?:\.\d+)*)\.(?:[ \t]+|$)(?:(Pro|Con|Thesis):[ \t]*)?(.*)$")
_SEE = re.compile(r"^->[ \t]*See[ \t]+(\d+(?:\.\d+)*)\.?[ \t]*$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_LINK = re.compile(r"\[[^\[\]\n]*\]\([^()\s]*\)")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.(?=\s|$)")


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The map as a Kialo discussion export, and what Kialo could not hold.

    Kialo numbers claims in the order it writes them, and its exports only point back:
    a claim is written in full at its first place in that order (under a claim it is
    linked to, if that comes first) and every later place is a `-> See N.` line.
    """
    argmap = graph.map
    slots = child_slots(graph)
    lines = [
        f"{_TITLE} {_one_line(argmap.title)}",
        "",
        f"1. {_escape(argmap.motion or _one_line(argmap.title))}",
    ]
    numbers: dict[str, str] = {}
    moved = 0
    stack: list[tuple[str, str, str, str | None]] = [  # node, stance, number, tree parent
        (root, "Pro" if graph[root].side is Side.PRO else "Con", f"1.{i}", None)
        for i, root in reversed(list(enumerate(graph.roots, 1)))
    ]
    while stack:
        node_id, stance, number, under = stack.pop()
        if node_id in numbers:
            lines.append(f"{number}. {stance}: -> See {numbers[node_id]}.")
            continue
        numbers[node_id] = number
        mapped = graph[node_id]
        moved += mapped.parent is not None and under != mapped.parent
        lines.append(f"{number}. {stance}: {_escape(mapped.text)}")
        stack.extend(
            (slot.node, slot.stance, f"{number}.{i}", node_id if slot.tree else "")
            for i, slot in reversed(list(enumerate(slots.get(node_id, ()), 1)))
        )

    warnings = dropped_fields(graph, NAME, kept=("supports", "attacks", "order"))
    if moved:
        warnings.append(
            f"{NAME} writes a claim in full where it first appears: {moved} premises or "
            "rebuttals also linked under an earlier claim are written there, with "
            "'-> See N.' in their own place (an import places them there)"
        )
    undercuts = sum(1 for m in graph if m.attack is Attack.UNDERCUT)
    if undercuts:
        warnings.append(f"Kialo has no undercut: {undercuts} undercuts exported as Con")
    explicit = sum(
        1 for m in graph if m.attack not in (None, Attack.UNDERCUT, _default_attack(graph, m.id))
    )
    if explicit:
        warnings.append(
            f"Kialo has no attack kinds: {explicit} rebut/undermine kinds that differ from "
            "the default dropped"
        )
    return "\n".join(lines) + "\n", warnings


class Slot(NamedTuple):
    """One place under a node: a premise or rebuttal of it, or a claim linked to it."""

    node: str
    stance: str  # "Pro" or "Con", relative to the node it is under
    tree: bool  # a premise or rebuttal, not a cross-link


def child_slots(graph: MapGraph) -> dict[str, list[Slot]]:
    """What Kialo lists under each node, in order: premises, rebuttals, then the claims
    linked to it (`supports`, `attacks`) in document order, unless nodes' `order` fields
    give places (a place given wins; the others keep their default place)."""
    placed: dict[str, list[tuple[int, int, Slot]]] = {}

    def put(target: str, slot: Slot, given: list[int], index: int) -> None:
        under = placed.setdefault(target, [])
        default = len(under) + 1
        place = given[index] if index < len(given) else default
        under.append((place, default, slot))

    for mapped in graph:
        for child in graph.children(mapped.id):
            stance = "Pro" if child.role is Role.PREMISE else "Con"
            put(mapped.id, Slot(child.id, stance, tree=True), child.node.order, 0)
    for mapped in graph:
        given = mapped.node.order
        links = [(t, "Pro") for t in mapped.node.supports]
        links += [(t, "Con") for t in mapped.node.attacks]
        for k, (target, stance) in enumerate(links, 1):
            put(target, Slot(mapped.id, stance, tree=False), given, k)
    return {node: [slot for *_, slot in sorted(under)] for node, under in placed.items()}


def _default_attack(graph: MapGraph, node_id: str) -> Attack:
    parent = graph[node_id].parent
    return Attack.REBUT if parent and graph[parent].role is Role.CLAIM else Attack.UNDERMINE


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    """Kialo's escaping (a backslash before parentheses and backslashes), plus guards for
    text that would read as a stance, a cross-link or a new numbered claim."""
    # Markdown links stay as Kialo writes them: `[Kialo](https://kialo.com)`.
    parts = _LINK.split(text.strip())
    links = _LINK.findall(text.strip())
    escaped = [p.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for p in parts]
    text = escaped[0] + "".join(link + rest for link, rest in zip(links, escaped[1:], strict=True))
    if text.startswith("->"):
        text = "\\" + text
    elif text.startswith(("Pro:", "Con:")):
        text = text[:3] + "\\" + text[3:]
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].strip() == _SOURCES:  # would start the footnote list
            lines[i] = lines[i].replace(":", "\\:")
        match = _NUMBERED.match(lines[i])
        if match:
            lines[i] = f"{match.group(1)}\\.{lines[i][match.end() :]}"
    return "\n".join(lines)


def import_map(text: str, file: str = "<string>") -> tuple[ArgMap, list[ImportNote]]:
    """Read a Kialo discussion export, in either of Kialo's layouts: the thesis is the
    motion, its Pro and Con children the two sides' claims.

    The older layout puts each claim on its numbered line (`1.1. Pro: text`); the
    current one starts `Discussion Name:`, writes `1. Thesis:` and each `1.1. Con:`
    on a line of its own with the text below, indents two spaces per level, marks
    footnotes `[n]` in the text and lists them under `Sources:` at the end.
    """
    if len(text) > MAX_BYTES:
        raise ImportFailed("1:1", f"file is larger than {MAX_BYTES:,} bytes; maps cannot be")
    lines = text.lstrip("\ufeff").splitlines()
    draft = Draft(fallback_title=map_title(file, "Imported discussion"))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportFailed("1:1", "the file is empty")
    start = first
    for header in _TITLES:
        if lines[first].startswith(header):
            draft.title = lines[first][len(header) :].strip() or None
            start = first + 1

    # number, parent number, stance, lines of text, line, column, indent
    claims: list[tuple[str, str, str | None, list[str], int, int, str]] = []
    footnotes: dict[str, tuple[str, str]] = {}  # number -> (text, where)
    in_sources = False
    known: set[str] = set()
    for index in range(start, len(lines)):
        line = lines[index]
        if claims and line.strip() == _SOURCES:
            in_sources = True
            continue
        if in_sources:
            note = _FOOTNOTE.match(line)
            if note:
                footnotes[note.group(1)] = (note.group(2).strip(), f"{index + 1}:1")
            elif line.strip():
                draft.note(f"{index + 1}:1", "unknown-line", "not a footnote; skipped")
            continue
        match = _CLAIM.match(line)
        number = match.group(2) if match else None
        is_first = not claims and number is not None and "." not in number
        if match and number and (is_first or (claims and number.startswith(claims[0][0] + "."))):
            parent = number.rpartition(".")[0]
            if not is_first and parent not in known:
                draft.note(
                    f"{index + 1}:1",
                    "missing-parent",
                    f"there is no claim {parent}.; placed higher",
                )
                while parent not in known:  # the nearest claim above that exists
                    parent = parent.rpartition(".")[0]
            stance = match.group(3)
            if stance == "Thesis" and not is_first:
                stance = None
            col = match.start(4) + 1
            claims.append(
                (number, parent, stance, [match.group(4)], index + 1, col, match.group(1))
            )
            known.add(number)
        elif claims:
            if match and match.group(3):
                raise ImportFailed(
                    f"{index + 1}:{match.start(2) + 1}",
                    f"claim {number}. is not under the thesis {claims[0][0]}.; "
                    "this is not a Kialo discussion export argmap can read",
                )
            indent = claims[-1][6]
            claims[-1][3].append(line[len(indent) :] if line.startswith(indent) else line)
        elif line.strip():
            draft.note(f"{index + 1}:1", "unknown-line", "not a numbered claim; skipped")
    if not claims:
        raise ImportFailed(f"{start + 1}:1", "no numbered claims ('1. ...') found")
    source_ids = _sources(draft, footnotes)

    sees: list[tuple[str, str, str, str]] = []  # source number, parent, stance, where
    seen: set[str] = set()
    for number, parent, stance, body, line_no, col, _indent in claims:
        where = f"{line_no}:{col}"
        content = "\n".join(body).strip()
        see = _SEE.match(content)
        if number in seen:
            draft.note(where, "duplicate-number", f"claim {number}. appears twice; kept the first")
            continue
        if parent:  # Kialo interleaves Pro, Con and linked claims: the map keeps its order
            relation = Relation.ATTACK if stance == "Con" else Relation.SUPPORT
            draft.slots.setdefault(parent, []).append((see.group(1) if see else number, relation))
        if see:
            sees.append((see.group(1), parent, stance or "Pro", where))
            continue
        seen.add(number)
        fields: dict[str, Any] = {}
        cited = [source_ids[n] for n in dict.fromkeys(_MARK.findall(content)) if n in source_ids]
        if cited:  # footnotes are the claim's sources
            fields["evidence"] = [{"source": source} for source in cited]
        draft.statements.append(Statement(number, _unescape(content), where, fields=fields))
        if not parent:
            continue
        if stance is None:
            draft.note(where, "no-stance", "claim has no 'Pro:' or 'Con:'; read as Pro")
        relation = Relation.ATTACK if stance == "Con" else Relation.SUPPORT
        draft.links.append(Link(number, parent, relation, where))
    thesis = claims[0][0]
    under_thesis: list[Link] = []  # placed first: a claim listed under the thesis is a root
    for source, parent, stance, where in sees:
        if source not in seen:
            draft.note(where, "unknown-claim", f"'-> See {source}.' names no claim; skipped")
            continue
        relation = Relation.ATTACK if stance == "Con" else Relation.SUPPORT
        link = Link(source, parent, relation, where)
        (under_thesis if parent == thesis else draft.links).append(link)
    draft.links[:0] = under_thesis
    return build_map(draft)


def _sources(draft: Draft, footnotes: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The `Sources:` list as the map's bibliography: footnote n is source `kialo-n`.

    A Kialo footnote is free text (usually a URL); it is kept whole as the title, its
    first URL as the url, and the author says where it came from, since Kialo names none.
    """
    ids: dict[str, str] = {}
    for number, (text, where) in footnotes.items():
        if not text:
            draft.note(where, "empty-footnote", f"footnote [{number}] is empty; skipped")
            continue
        url = _URL.search(text)
        source_id = f"kialo-{number}"
        draft.sources[source_id] = Source(
            author=f"Kialo discussion footnote [{number}]",
            title=text,
            url=url.group(0) if url else None,
        )
        ids[number] = source_id
    return ids


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)
