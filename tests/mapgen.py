"""Hypothesis strategies for hand-written-looking maps: comments, blank lines, every scalar
style, flow lists, nodes without ids, and the two common indentation layouts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

# Text that can be written plain, and text that needs quotes or a block.
PLAIN_TEXTS = [
    "Uniforms reduce bullying.",
    "no",
    "yes",
    "1.5",
    "Costs fall on poor families, says the survey (p. 3).",
    "Ünïcödé text \u2713 with \u00e9 accents",
    "word " * 40 + "end",
    "it's a claim with an apostrophe",
]
QUOTED_TEXTS = [*PLAIN_TEXTS, "a: b", "# not a comment", "- not a list", "'quoted'", "@x", "~"]
BLOCK_TEXTS = ["One line in a block.", "Two lines:\nthe second one.", "# heading\nbody text"]


@dataclass
class Layout:
    mapping: int  # nested keys
    offset: int  # a sequence's dash under its key


@dataclass
class GenNode:
    id: str | None
    text: str
    style: str  # plain, single, double, literal, folded
    title: str | None = None
    attack: str | None = None
    tags: list[str] = field(default_factory=list)
    tags_flow: bool = True
    evidence: str | None = None
    evidence_flow: bool = False
    shuffle: int = 0  # nonzero: the scalar keys in another order than the model's
    attacks: list[str] = field(default_factory=list)
    comment_above: bool = False
    eol: bool = False
    trailing: bool = False
    blank_before: bool = False
    premises: list[GenNode] = field(default_factory=list)
    rebuttals: list[GenNode] = field(default_factory=list)


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str]:
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    pool = {"plain": PLAIN_TEXTS, "literal": BLOCK_TEXTS, "folded": BLOCK_TEXTS[:1]}
    return draw(st.sampled_from(pool.get(style, QUOTED_TEXTS))), style


@st.composite
def nodes(draw: st.DrawFn, depth: int, ids: list[str], rebuttal: bool) -> GenNode:
    n = len(ids)
    node_id = f"N{n}" if draw(st.booleans()) or depth == 0 else None
    ids.append(node_id or "")
    text, style = draw(texts())
    node = GenNode(
        node_id,
        text,
        style,
        title=draw(st.sampled_from([None, None, "A short title", "title: with colon"])),
        attack=draw(st.sampled_from([None, "rebut", "undermine", "undercut"]))
        if rebuttal
        else None,
        tags=draw(st.sampled_from([[], [], ["a"], ["a", "b"]])),
        tags_flow=draw(st.booleans()),
        evidence=draw(st.sampled_from([None, None, "s1", "s2"])),
        evidence_flow=draw(st.booleans()),
        shuffle=draw(st.sampled_from([0, 0, 0, 1, 2])),
        comment_above=draw(st.booleans()),
        eol=draw(st.booleans()),
        trailing=draw(st.booleans()),
        blank_before=draw(st.booleans()),
    )
    if depth < 3:
        for _ in range(draw(st.integers(0, 3 - depth))):
            node.premises.append(draw(nodes(depth + 1, ids, False)))
        for _ in range(draw(st.integers(0, 2 if depth < 2 else 0))):
            node.rebuttals.append(draw(nodes(depth + 1, ids, True)))
    return node


def _scalar(text: str, style: str, layout: Layout) -> list[str]:
    """`value` for `key: value`, then further lines, relative to the key's column."""
    if style == "plain":
        return [text]
    if style == "single":
        return ["'" + text.replace("'", "''") + "'"]
    if style == "double":
        return [json.dumps(text, ensure_ascii=False)]
    head = "|-" if style == "literal" else ">-"
    return [head, *(" " * layout.mapping + line for line in text.split("\n"))]


def _entries(node: GenNode, layout: Layout, side: str | None) -> list[str]:
    """The node's entries, relative to its keys' column."""
    pad = " " * layout.offset
    entries: list[list[str]] = []
    if node.id:
        entries.append([f"id: {node.id}"])
    if side:
        entries.append([f"side: {side}"])
    if node.title:
        entries.append([f"title: {json.dumps(node.title) if ':' in node.title else node.title}"])
    first, *rest = _scalar(node.text, node.style, layout)
    text = [f"text: {first}", *rest]
    if node.eol and node.style not in ("literal", "folded"):
        text[-1] += "  # eol"
    entries.append(text)
    if node.attack:
        entries.append([f"attack: {node.attack}"])
    if node.tags and node.tags_flow:
        entries.append([f"tags: [{', '.join(node.tags)}]"])
    elif node.tags:
        entries.append(["tags:", *(f"{pad}- {t}" for t in node.tags)])
    if node.evidence and node.evidence_flow:
        entries.append([f"evidence: [{{source: {node.evidence}, locator: p. 1}}]"])
    elif node.evidence:
        entries.append(["evidence:", f"{pad}- source: {node.evidence}", f"{pad}  locator: p. 1"])
    if node.attacks:
        entries.append([f"attacks: [{', '.join(node.attacks)}]"])
    if node.shuffle:  # hand-written maps do not always follow the model's order
        entries = entries[node.shuffle :] + entries[: node.shuffle]
    lines = [line for entry in entries for line in entry]
    for key, children in (("premises", node.premises), ("rebuttals", node.rebuttals)):
        if children:
            lines.append(f"{key}:")
            for i, child in enumerate(children):
                # A list's items are all separated by a blank line, or none are.
                child.blank_before = children[-1].blank_before and i > 0
                lines.extend(_item_lines(child, layout.offset, layout, None))
    if node.trailing:
        lines.append("  # trailing comment")
    return lines


def _item_lines(node: GenNode, dash: int, layout: Layout, side: str | None) -> list[str]:
    """The node as a sequence item with its dash at column `dash`."""
    lines = [""] if node.blank_before else []
    if node.comment_above:
        lines.append(" " * dash + f"# about {node.id or 'a node'}")
    first, *rest = _entries(node, layout, side)
    lines.append(" " * dash + "- " + first)
    lines.extend(" " * (dash + 2) + line if line else line for line in rest)
    return lines


@st.composite
def maps(draw: st.DrawFn) -> str:
    """The text of a valid map with 2-4 claims."""
    layout = draw(st.builds(Layout, st.sampled_from([2, 4]), st.sampled_from([0, 2])))
    ids: list[str] = []
    claims = [draw(nodes(0, ids, False)) for _ in range(draw(st.integers(2, 4)))]
    claim_ids = [c.id for c in claims if c.id]
    if draw(st.booleans()):  # a cross-link, always to an explicit id
        claims[-1].attacks = [claim_ids[0]]
    lines = [
        "# yaml-language-server: $schema=schema/argmap.schema.json",
        "argmap: 1",
        "title: 'Generated: a test map'   # the title",
        "",
        "sources:",
        " " * layout.mapping + "s1: {author: Jane Smith, title: A study}",
        " " * layout.mapping + "s2:",
        " " * 2 * layout.mapping + "author: Survey Group",
        " " * 2 * layout.mapping + "title: A survey",
        "",
        "# the claims",
        "claims:",
    ]
    for i, claim in enumerate(claims):
        claim.blank_before = claims[-1].blank_before and i > 0
        lines.extend(_item_lines(claim, layout.offset, layout, "pro" if i % 2 == 0 else "con"))
    if draw(st.booleans()):
        lines += ["", "expect:", " " * layout.mapping + f"stands: [{claim_ids[0]}]"]
    return "\n".join(lines) + "\n"
