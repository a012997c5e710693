"""Markdown: a readable outline of the whole map.

One section per side with its root claims as nested lists: every item says what the
node is (claim, premise, rebut, undermine, undercut), whose side it is and its id,
then its title and text; evidence cards follow as "Author Year, locator: “quote”".
Texts from the map are untrusted: every character Markdown could read as markup
(links, emphasis, HTML, code) is backslash-escaped, so the outline shows them
literally. Per-side briefing sheets are the brief command's job; this is the map.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argmap.analysis import Verdict
from argmap.graph import MapGraph, MapNode, Relation, Role, source_label
from argmap.model import DebateFormat, Side

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """One line of untrusted text as literal Markdown."""
    escaped = _INLINE.sub(r"\\\1", text.strip())
    match = _LINE_START.match(escaped)
    if match:  # would start a heading, list, quote or rule on a line of its own
        lead, mark = match.groups()
        escaped = lead + mark[:-1] + "\\" + mark[-1] + escaped[match.end() :]
    return escaped


def _block(text: str, indent: str) -> str:
    """Multi-line text inside a list item: hard line breaks, continuation indented."""
    lines = [md_escape(line) for line in text.strip().splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The whole map as a Markdown outline; nothing is dropped."""
    argmap = graph.map
    out = [f"# {md_escape(argmap.title)}", ""]
    if argmap.motion:
        out += [f"**Motion:** {_block(argmap.motion, '')}", ""]
    facts = [
        f"**{md_escape(argmap.sides.pro)}** (pro) against **{md_escape(argmap.sides.con)}** (con)"
    ]
    if argmap.format is not DebateFormat.GENERIC:
        facts.append(f"format: {argmap.format.value}")
    out += ["Sides: " + "; ".join(facts) + ".", ""]
    for side in (Side.PRO, Side.CON):
        roots = [r for r in graph.roots if graph[r].side is side]
        out += [f"## {md_escape(graph.side_label(side))}", ""]
        if not roots:
            out += ["No claims.", ""]
            continue
        for root in roots:
            stack = [(root, 0)]
            while stack:
                node_id, depth = stack.pop()
                out.extend(_item(graph, graph[node_id], depth, verdicts))
                kids = [c.id for c in graph.children(node_id)]
                stack.extend((kid, depth + 1) for kid in reversed(kids))
        out.append("")
    if argmap.sources:
        out += ["## Sources", ""]
        for key, source in argmap.sources.items():
            parts = [f"**{md_escape(source_label(source))}** (`{key}`): {md_escape(source.author)}"]
            parts.append(f"*{md_escape(source.title)}*")
            parts += [md_escape(v) for v in (source.publication, source.date, source.url) if v]
            if source.qualifications:
                parts.append(md_escape(source.qualifications))
            out.append("- " + ", ".join(parts))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n", []


def _kind(mapped: MapNode) -> str:
    if mapped.role is Role.REBUTTAL and mapped.attack is not None:
        kind = mapped.attack.value.capitalize()
        return f"{kind} (turn)" if mapped.node.turn else kind
    return mapped.role.value.capitalize()


def _item(
    graph: MapGraph, mapped: MapNode, depth: int, verdicts: Mapping[str, Verdict] | None
) -> list[str]:
    indent = "  " * depth
    inner = indent + "  "
    node = mapped.node
    side = md_escape(graph.side_label(mapped.side))
    head = f"{indent}- **{_kind(mapped)}** \\[{side}\\] `{mapped.id}`"
    verdict = verdicts.get(mapped.id) if verdicts else None
    if verdict is not None:
        head += f" {verdict.status.glyph} *{verdict.status.value}*"
    body = _block(node.text, inner)
    if node.title:
        body = f"**{md_escape(node.title)}**: {body}"
    lines = [f"{head}: {body}"]
    facts = []
    if node.group:
        facts.append(f"co-premise group {md_escape(node.group)}")
    if node.scheme:
        facts.append(f"scheme {md_escape(node.scheme)}")
    if node.cq:
        facts.append(f"critical question {md_escape(node.cq)}")
    if node.implicit:
        facts.append("implicit")
    if node.analytic:
        facts.append("analytic")
    if node.strength is not None:
        facts.append(f"strength {node.strength:g}")
    if node.tags:
        facts.append("tags " + ", ".join(md_escape(t) for t in node.tags))
    if facts:
        lines.append(f"{inner}- *{'; '.join(facts)}*")
    for card in node.evidence:
        source = graph.map.sources.get(card.source)
        cite = md_escape(source_label(source)) if source else f"`{card.source}`"
        if card.locator:
            cite += f", {md_escape(card.locator)}"
        quote = f": “{_block(card.quote, inner + '  ')}”" if card.quote else ""
        note = f" ({md_escape(card.note)})" if card.note else ""
        lines.append(f"{inner}- Evidence: {cite}{quote}{note}")
    if node.impact:
        dims = node.impact.model_dump(exclude_none=True)
        lines.append(
            f"{inner}- Impact: " + "; ".join(f"{k} {md_escape(str(v))}" for k, v in dims.items())
        )
    for relation, verb in (
        (Relation.SUPPORT, "Also supports"),
        (Relation.ATTACK, "Also attacks"),
        (Relation.OUTWEIGH, "Outweighs"),
    ):
        targets = [e.target for e in graph.edges_from(mapped.id, relation) if e.cross_link]
        if targets:
            lines.append(f"{inner}- {verb}: " + ", ".join(f"`{t}`" for t in targets))
    if node.notes:
        lines.append(f"{inner}- Note: {_block(node.notes, inner + '  ')}")
    return lines
