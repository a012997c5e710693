"""Text from maps reaches DOT, SVG and PDF intact and inert."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render import DiagramOptions, Format, Page, build_dot, diagram_svg, render_map
from argmap.render.text import char_width, clean, markup, one_column_each, text_width, wrap
from argmap.render.view import select_nodes
from render_support import fixture_graph, label_text, parse_dot, svg_texts

TRICKY = [
    'He said "no" & left <now> {x} \\N \\G \\l',
    "Кириллица и «кавычки»",
    "中文标题：四天工作制",  # noqa: RUF001 - the full-width colon is the point
    "한국어 제목",
    "&amp; entities, &#92; references, ]]> CDATA ends, <!-- comments -->",
]


def squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_markup_is_inert_xml_that_shows_the_text(text: str) -> None:
    shown = "".join(ET.fromstring(f"<x>{markup(text)}</x>").itertext()).replace("\\\\", "\\")
    assert shown == clean(text)
    assert "\\" not in markup(text).replace("\\\\", "")  # no lone backslash for \N, \G...


def test_clean_replaces_what_xml_cannot_carry() -> None:
    assert clean("a\x00b\x07c\td\ud800e\x85") == "a\ufffdb\ufffdc d\ufffde\ufffd"
    assert clean("line\r\nnext") == "line\nnext"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))), st.integers(4, 40))
def test_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(text_width(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(clean(text).split())


def greedy(words: list[str], width: int) -> list[str]:
    """Word wrapping as the textbook writes it: a word goes on the line if it fits."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abcXYZ.,'-0", min_size=1, max_size=12)),
    st.integers(12, 40),
    st.sampled_from([" ", "  ", "\t", " \u00a0 "]),
)
def test_ascii_wrap_is_greedy(words: list[str], width: int, gap: str) -> None:
    text = gap.join(words)
    assert wrap(text, width) == (greedy(text.split(), width) or [""])


def test_the_fast_path_takes_only_text_of_one_column_characters() -> None:
    """`one_column_each` says yes only where every character is one column wide, and
    arrows, dashes and accents (in every outline label) take the fast path."""
    wrong = [
        hex(code)
        for code in range(0x80, 0x40000)
        if not 0xD800 <= code < 0xE000 and one_column_each(chr(code)) and char_width(chr(code)) != 1
    ]
    assert not wrong
    assert one_column_each("supports \u2192 \u2197 P1 \u00b7 caf\u00e9 \u2014 \u201cq\u201d")
    assert not one_column_each("P1 \u4e2d") and not one_column_each("e\u0301")
    words = ["supports", "→", "↗", "P1", "(p.", "2)", "café", "—", "the", "“fast”", "path"]
    assert wrap(" ".join(words), 12) == greedy(words, 12)


def test_wrap_breaks_chinese_between_characters_and_cuts_long_words() -> None:
    lines = wrap("中文文本没有空格所以换行必须在字符之间进行", 10)
    assert lines == ["中文文本没", "有空格所以", "换行必须在", "字符之间进", "行"]
    assert wrap("a-very-long-word-without-spaces", 10) == [
        "a-very-lon",
        "g-word-wit",
        "hout-space",
        "s",
    ]
    assert wrap("one two three four five six", 9, max_lines=2) == ["one two", "three\u2026"]


def test_tricky_text_survives_dot() -> None:
    graph = fixture_graph("tricky-text")
    options = DiagramOptions()
    dot = build_dot(graph, Page(tuple(select_nodes(graph, options))), options)
    parsed = parse_dot(dot)  # Graphviz's parser accepts it
    shown = " ".join(label_text(a["label"]) for a in parsed.nodes.values() if "label" in a)
    shown = squeeze(shown + label_text(parsed.attrs["label"]))  # lines wrap anywhere
    for text in [*TRICKY, graph.map.title, graph.side_label(graph["T1"].side)]:
        assert squeeze(text) in shown, text


def test_tricky_text_survives_svg() -> None:
    graph = fixture_graph("tricky-text")
    svg = diagram_svg(graph)
    texts = squeeze(svg_texts(svg))  # parses as XML
    for text in [*TRICKY, graph.map.title]:
        assert squeeze(text) in texts, text
    assert squeeze("It's <b>bold</b> & \\ backslash") in texts  # markup shown, not obeyed
    assert not [e for e in ET.fromstring(svg).iter() if e.tag.rpartition("}")[2] in ("b", "script")]


def test_tricky_text_survives_pdf(tmp_path: Path) -> None:
    graph = fixture_graph("tricky-text")
    _, [path] = render_map(graph, tmp_path / "t.pdf", Format.PDF)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for piece in TRICKY[:4]:
        assert squeeze(piece) in squeeze(text), piece
