"""The line model under the editor: layout, blocks of entries and items, comments."""

from __future__ import annotations

import pytest

from argmap.edit.yamltext import Layout, YamlText


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("a: 1\nclaims:\n  - x: 1\n", Layout(2, 2, 4)),
        ("claims:\n- x: 1\n", Layout(2, 0, 2)),
        ("sides:\n    pro: P\nclaims:\n    -   x: 1\n", Layout(4, 4, 8)),
        ("title: T\n", Layout(2, 2, 4)),  # nothing to go by: the canonical layout
    ],
)
def test_layout_is_read_from_the_file(text: str, layout: Layout) -> None:
    assert YamlText(text).layout == layout


def test_blocks_own_the_comments_above_and_the_deeper_ones_after() -> None:
    yt = YamlText(
        "claims:\n"
        "  # about a\n"  # 1: above a, at its dash: a's
        "  - id: a\n"
        "    text: x\n"
        "      # deeper, after a: a's\n"  # 4
        "  # above b\n"  # 5: b's
        "  - id: b\n"
        "    text: y\n"
        "  # after the list\n"  # 8: nobody's
    )
    a, b = yt.item_blocks(yt.sequence_at(("claims",)))
    assert (a.lead, a.first, a.last, a.trail) == (1, 2, 3, 4)
    assert (b.lead, b.first, b.last, b.trail) == (5, 6, 7, 7)
    [claims] = yt.entry_blocks(yt.root)
    assert claims.trail == 7  # the comment at the dashes' column is not inside the list


def test_comments_are_found_outside_text_only() -> None:
    yt = YamlText(
        "# head\n"
        "a: 'x # not a comment'  # real\n"
        "b: |\n"
        "  # text, not a comment\n"
        "c: >-  # after a header\n"
        "  folded\n"
        "d: plain # eol\n"
    )
    assert yt.comments() == ["# head", "# real", "# after a header", "# eol"]


def test_lines_split_where_yaml_breaks_lines() -> None:
    text = 'a: "x\u2028y"\r\nb: 1\r\n'
    yt = YamlText(text)
    assert yt.node_at(("b",)).start_mark.line == 2
    assert yt.lines[2] == "b: 1" and yt.newline == "\r\n"
    assert yt.text == text
    assert yt.spliced(2, 2, ["c: 2"]) == 'a: "x\u2028y"\r\nc: 2\r\nb: 1\r\n'
