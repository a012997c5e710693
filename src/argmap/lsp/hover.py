"""Hover: a node's code, status, reason and strength; a source's citation; a scheme's questions."""

from __future__ import annotations

import re

from argmap.analysis import Evaluation
from argmap.edit.ids import IdIndex, Kind
from argmap.graph import MapGraph
from argmap.model import Source
from argmap.schemes import get_scheme, split_cq

_SCHEME_VALUE = re.compile(r"^\s*(?:-\s+)?(scheme|cq)\s*:\s*['\"]?([a-z0-9.\-]+)")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~-])")


def md(text: str) -> str:
    """Map text as literal Markdown: it is the user's, and may hold any character."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def hover(
    index: IdIndex,
    graph: MapGraph | None,
    evaluation: Evaluation | None,
    lines: list[str],
    line: int,
    col: int,
) -> str | None:
    """Markdown for the id or scheme under a 0-based position, or None."""
    found = index.at(line, col)
    if found is not None and graph is not None:
        if found.kind is Kind.NODE and found.name in graph.nodes:
            return node_hover(graph, evaluation, found.name)
        if found.kind is Kind.SOURCE and found.name in graph.map.sources:
            return source_hover(found.name, graph.map.sources[found.name])
    match = _SCHEME_VALUE.match(lines[line]) if line < len(lines) else None
    if match and match.start(2) <= col <= match.end(2):
        return scheme_hover(match.group(2), match.group(1) == "cq")
    return None


def node_hover(graph: MapGraph, evaluation: Evaluation | None, node_id: str) -> str:
    mapped = graph.nodes[node_id]
    code = graph.codes.get(node_id, "")
    head = f"**{md(code)}** {md(mapped.label)}" if code else f"**{md(mapped.label)}**"
    parts = [head, f"{mapped.role} · {md(graph.side_label(mapped.side))} · id `{node_id}`"]
    verdict = evaluation.verdicts.get(node_id) if evaluation is not None else None
    if verdict is not None:
        strength = "" if verdict.strength is None else f" · strength {verdict.strength:.2f}"
        parts.append(f"{verdict.status.glyph} **{verdict.status}**{strength}")
        parts.append(md(verdict.reason))
    return "\n\n".join(parts)


def source_hover(source_id: str, source: Source) -> str:
    lines = [f"**{md(source.author)}**, *{md(source.title)}*"]
    for name in ("qualifications", "publication", "date", "url", "accessed"):
        value = getattr(source, name)
        if value:
            lines.append(f"{name}: {md(value)}")
    lines.append(f"source `{source_id}`")
    return "\n\n".join(lines)


def scheme_hover(ref: str, is_cq: bool) -> str | None:
    scheme_id, question_id = split_cq(ref) if is_cq else (ref, "")
    scheme = get_scheme(scheme_id)
    if scheme is None:
        return None
    out = [f"**{md(scheme.title)}** (`{scheme.id}`)"]
    out += [f"- {md(p)}" for p in scheme.premises]
    out.append(f"- therefore: {md(scheme.conclusion)}")
    out.append("Critical questions:")
    for q in scheme.questions:
        mark = "**" if q.id == question_id else ""
        out.append(f"- {mark}`{q.id}`{mark}: {md(q.ask)} ({q.attack}; burden: {q.burden})")
    return "\n".join(out)
