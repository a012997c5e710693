"""fmt's fast path: a file the fast loader's positions show to be canonical skips ruamel.

It may say "not sure" (then fmt takes the long way) but must never call a file canonical
that the full formatter would change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from argmap.edit.canonical import already_canonical, canonical_text
from argmap.edit.errors import EditError
from mapgen import maps

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.yaml"))


def _root(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_formatted_fixtures_are_known_canonical(path: Path) -> None:
    text = canonical_text(path.read_text())
    assert canonical_text(text) == text
    # end-of-line comments and escapes (commented, tricky-text) are left to the long way
    assert already_canonical(text, _root(text)) is (" # " not in text and "\\" not in text)


@pytest.mark.parametrize(
    "text",
    [
        "argmap: 1\ntitle: T\n",
        "title: T\nargmap: 1\n",  # keys out of order
        "argmap: 1\ntitle: T  # eol\n",  # ruamel decides the spacing
        "argmap: 1\ntitle: T\n\n\n",  # blank run at the end
        'argmap: 1\ntitle: "caf\\u00e9"\n',  # ruamel rewrites escapes
        "argmap: 1\ntitle: T\nclaims:\n- id: C1\n  side: pro\n  text: x\n",  # dash at 0
        "argmap: 1\ntitle: a\n  b\n",  # folded plain text
        "argmap: 1\ntitle: T\nsides: {con: C, pro: P}\n",  # flow keys out of order
    ],
)
def test_never_canonical_when_fmt_would_change_it(text: str) -> None:
    if already_canonical(text, _root(text)):
        assert canonical_text(text) == text


def test_a_canonical_text_with_blocks_flows_and_comments() -> None:
    text = (
        "# heading\nargmap: 1\ntitle: T\nsides: {pro: P, con: C}\nclaims:\n"
        "  - id: C1\n    side: pro\n    text: |-\n      two\n      lines\n"
        "    tags: [a, 'b']\n    # about the premises\n    premises:\n"
        "      - id: C1.p1\n        text: 'it''s'\n\n  - id: C2\n    side: con\n    text: y\n"
    )
    assert canonical_text(text) == text
    assert already_canonical(text, _root(text))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(maps())
def test_known_canonical_implies_fmt_changes_nothing(text: str) -> None:
    try:
        formatted = canonical_text(text)
    except (EditError, yaml.YAMLError, ValueError):
        return
    if already_canonical(text, _root(text)):
        assert formatted == text
    again = canonical_text(formatted)
    if already_canonical(formatted, _root(formatted)):
        assert again == formatted
