"""Maps argmap writes read back unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import ArgMap, Node, Side
from argmap.validate import load_map_text
from argmap.write import dump_map

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)


@settings(max_examples=200, deadline=None)
@given(texts, texts, st.sampled_from(["no", "yes", "on", "null", "1.10", "~", "- x", "a: b"]))
def test_dump_then_load_is_identity(title: str, text: str, tricky: str) -> None:
    argmap = ArgMap(
        argmap=1,
        title=title,
        claims=[
            Node(
                id="C1",
                side=Side.PRO,
                text=text,
                premises=[Node(text=tricky, strength=0.25)],
            )
        ],
    )
    result = load_map_text(dump_map(argmap, "../schema/argmap.schema.json"))
    assert result.graph is not None, result.diagnostics
    assert result.graph.map == argmap


def test_output_is_block_style_with_the_version_first() -> None:
    text = dump_map(ArgMap(argmap=1, title="T", claims=[Node(id="C1", side=Side.CON, text="x")]))
    assert text.splitlines()[:4] == ["argmap: 1", "title: T", "claims:", "- id: C1"]
