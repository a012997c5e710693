r"""A text holds an invisible control or direction character.

Control characters and Unicode direction overrides (U+202A-U+202E, U+2066-U+2069,
and the like) do not show in an editor but change what a printed sheet or
diagram says: a right-to-left override reverses the words after it. They also
arrive by copy and paste from PDFs and web pages. Delete them; the message names
each one. Checked in every node's title, text and notes, in evidence quotes,
locators and notes, and in the map's title and motion and its sources.

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: "Uniforms cut costs by 10%."

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: "Uniforms cut costs by \u202e%01\u202c."
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity
from argmap.graph import YamlPath

# Formatting characters that reorder or hide text (Unicode's bidi controls, zero-width space,
# a byte order mark inside the text); joiners (U+200C/D) are left alone: scripts need them.
_INVISIBLE = frozenset(
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_ALLOWED = frozenset("\n\t")


def hidden(text: str) -> list[str]:
    """The distinct hidden characters in `text`, as `U+XXXX NAME`, in order of appearance."""
    found: dict[str, None] = {}
    for char in text:
        if char in _ALLOWED:
            continue
        if char in _INVISIBLE or unicodedata.category(char) == "Cc":
            name = unicodedata.name(char, "control character")
            found.setdefault(f"U+{ord(char):04X} {name}")
    return list(found)


def _fields(ctx: CheckContext) -> Iterator[tuple[str | None, YamlPath, str]]:
    """(node id, path, text) of every text argmap prints."""
    argmap = ctx.graph.map
    for key in ("title", "motion"):
        value = getattr(argmap, key, None)
        if isinstance(value, str):
            yield None, (key,), value
    for source_id, source in argmap.sources.items():
        for key in ("author", "title", "publication"):
            value = getattr(source, key, None)
            if isinstance(value, str):
                yield None, ("sources", source_id, key), value
    for mapped in ctx.graph:
        node = mapped.node
        for key in ("title", "text", "notes"):
            value = getattr(node, key)
            if isinstance(value, str):
                yield mapped.id, (*mapped.path, key), value
        for i, card in enumerate(node.evidence):
            for key in ("quote", "locator", "note"):
                value = getattr(card, key)
                if isinstance(value, str):
                    yield mapped.id, (*mapped.path, "evidence", i, key), value


def check(ctx: CheckContext) -> Iterator[Finding]:
    for node, path, text in _fields(ctx):
        chars = hidden(text)
        if chars:
            yield Finding(
                f"{path[-1]} holds invisible {', '.join(chars)}: it can change what the "
                "printed text says; delete it",
                node=node,
                path=path,
            )


RULE = Rule("hidden-characters", Severity.WARNING, check, __doc__ or "")
