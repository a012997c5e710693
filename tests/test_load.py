"""The loader: YAML text to plain data, and every YAML trap reported, never raised."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load
from argmap.diagnostics import Position
from argmap.load import load_bytes, load_file, load_text
from argmap.validate import load_map, load_map_text

VALID = """\
argmap: 1
title: Uniforms
claims:
  - id: C1
    side: pro
    text: Uniforms reduce bullying.
"""


def codes(result: load.LoadedYaml) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_plain_scalars_keep_the_text_the_user_wrote() -> None:
    loaded = load_text("a: no\nb: on\nc: 1.10\nd: 2025-09-03\ne: ~\nf:\ng: 'null'\n")
    assert loaded.data == {
        "a": "no",
        "b": "on",
        "c": "1.10",
        "d": "2025-09-03",
        "e": None,
        "f": None,
        "g": "null",
    }


@pytest.mark.parametrize(
    "plain", ["", "~", "null", "Null", "NULL", "nULL", "none", "None", "0", "no", "1e3"]
)
def test_a_plain_scalar_is_null_exactly_when_yaml_says_so(plain: str) -> None:
    # argmap skips PyYAML's resolver for speed; nulls must still be YAML's nulls.
    loaded = load_text(f"a: {plain}\nb: '{plain}'\n")
    assert (loaded.data["a"] is None) == (yaml.safe_load(f"a: {plain}")["a"] is None)
    assert loaded.data["b"] == plain


def test_text_no_stays_text_through_the_model() -> None:
    result = load_map_text(VALID.replace("Uniforms reduce bullying.", "no"))
    assert result.ok
    assert result.graph is not None
    assert result.graph["C1"].text == "no"


def test_typed_fields_are_converted_by_the_model() -> None:
    result = load_map_text(VALID + "    strength: 0.5\n    implicit: true\n")
    assert result.graph is not None
    node = result.graph["C1"].node
    assert node.strength == 0.5
    assert node.implicit is True


def test_bom_and_crlf_are_fine() -> None:
    raw = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()
    loaded = load_bytes(raw, "m.yaml")
    assert loaded.diagnostics == []
    assert loaded.data["title"] == "Uniforms"


def test_crlf_positions_still_point_at_the_right_line() -> None:
    text = VALID.replace("\n", "\r\n").replace("side: pro", "side: prx")
    result = load_map_text(text, "m.yaml")
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(5, 11, "unknown-value")]


def test_invalid_utf8_points_at_the_byte() -> None:
    raw = VALID.encode().replace(b"reduce", b"red\xffuce")
    loaded = load_bytes(raw, "m.yaml")
    assert [(d.line, d.col, d.code) for d in loaded.diagnostics] == [(6, 23, "encoding")]
    assert "0xff" in loaded.diagnostics[0].message


def test_utf16_is_refused_with_advice() -> None:
    loaded = load_bytes(VALID.encode("utf-16"), "m.yaml")
    assert codes(loaded) == ["encoding"]
    assert "UTF-8" in loaded.diagnostics[0].message


def test_oversized_file_is_refused_before_reading(
    write_map: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 10)
    loaded = load_file(write_map(VALID))
    assert codes(loaded) == ["file-too-large"]


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "missing.yaml")
    assert codes(loaded) == ["unreadable"]


def test_absurd_nesting_is_refused() -> None:
    deep_flow = "a: " + "[" * 900 + "]" * 900
    assert codes(load_text(deep_flow)) == ["too-deep"]
    deep_libyaml = "a: " + "[" * 5000 + "]" * 5000
    assert codes(load_text(deep_libyaml)) == ["too-deep"]


def test_nesting_below_the_limit_is_fine() -> None:
    nested = "a: " + "[" * 50 + "]" * 50
    assert codes(load_text(nested)) == []


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 30):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    loaded = load_text("\n".join(lines) + "\n")
    assert codes(loaded) == ["yaml-alias"]
    assert loaded.diagnostics[0].line == 2  # the first alias, not the anchor


def test_no_tag_constructs_an_object() -> None:
    for tagged in ("!!python/object/apply:os.system ['true']", "!custom x", "!!binary aGk="):
        loaded = load_text(f"title: {tagged}\n")
        assert codes(loaded) == ["yaml-tag"], tagged
        assert loaded.data is None


def test_standard_tags_are_accepted() -> None:
    loaded = load_text("a: !!str 123\nb: !!int 3\n")
    assert loaded.data == {"a": "123", "b": "3"}


def test_duplicate_key_keeps_the_first_and_points_at_the_second() -> None:
    loaded = load_text("title: first\nother: x\ntitle: second\n")
    assert loaded.data["title"] == "first"
    [diag] = loaded.diagnostics
    assert (diag.line, diag.col, diag.code) == (3, 1, "duplicate-key")
    assert "line 1" in diag.message


def test_empty_file_is_an_error(write_map: Callable[..., Path]) -> None:
    result = load_map(write_map("# only a comment\n"))
    assert [d.code for d in result.diagnostics] == ["empty-file"]


def test_position_falls_back_to_the_nearest_ancestor() -> None:
    loaded = load_text(VALID)
    assert loaded.position(("claims", 0, "text")).line == 6
    assert loaded.position(("claims", 0, "missing", 3)).line == 4
    assert loaded.key_position(("claims", 0, "side")) == Position(5, 5)
    assert loaded.position(("claims", 0, "side")) == Position(5, 11)


yaml_text = st.text(
    alphabet=st.sampled_from([*list("abc:-[]{}&*!|>'\"#\n ,?%@`\t\\0123456789"), "\x00", "é"]),
    max_size=200,
)


@settings(max_examples=400, deadline=None)
@given(yaml_text)
def test_random_yaml_text_never_crashes_the_loader(text: str) -> None:
    result = load_map_text(text, "fuzz.yaml")
    assert result.graph is not None or result.diagnostics


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "id",
                    "side",
                    "premises",
                    "rebuttals",
                    "attack",
                    "evidence",
                    "source",
                    "supports",
                    "title",
                    "claims",
                    "argmap",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_random_map_shaped_data_never_crashes(data: object) -> None:
    import json

    # JSON is YAML, so any structure written as JSON goes through the real loader.
    text = json.dumps({"argmap": 1, "title": "t", "claims": [data]})
    result = load_map_text(text, "fuzz.yaml")
    assert result.graph is not None or result.diagnostics


def _paths(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into plain data, and a few that lead nowhere."""
    found = [path, (*path, "nowhere"), (*path, 99)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*path, i))
    return found


MAPS = sorted((Path(__file__).parent.parent / "maps").glob("*.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_positions_without_the_tree_are_the_trees(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    with_tree, compact = load_text(text), load_text(text, tree=False)
    assert compact.root is None and compact.positions is not None
    assert compact.data == with_tree.data
    for where in _paths(with_tree.data):
        assert compact.position(where) == with_tree.position(where), where
        assert compact.key_position(where) == with_tree.key_position(where), where


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.text(alphabet="ab: -\n#'\"[]{},", max_size=6),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(alphabet="abk", min_size=1, max_size=3), inner, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_positions_match_the_tree_for_any_document(data: object) -> None:
    text = yaml.safe_dump(data, default_flow_style=None)
    with_tree, compact = load_text(text), load_text(text, tree=False)
    for where in _paths(with_tree.data):
        assert compact.position(where) == with_tree.position(where), where
        assert compact.key_position(where) == with_tree.key_position(where), where


def test_a_duplicate_key_points_at_the_first_without_the_tree() -> None:
    text = "argmap: 1\ntitle: a\ntitle: b\n"
    assert load_text(text, tree=False).key_position(("title",)) == Position(2, 1)
    assert load_text(text).key_position(("title",)) == Position(2, 1)


def _same_reading(text: str) -> None:
    """The tree path and the tree-less path read `text` alike: data, problems, positions."""
    with_tree, compact = load_text(text, "f.yaml"), load_text(text, "f.yaml", tree=False)
    assert compact.root is None
    assert compact.data == with_tree.data
    assert compact.diagnostics == with_tree.diagnostics
    for where in _paths(with_tree.data):
        assert compact.position(where) == with_tree.position(where), where
        assert compact.key_position(where) == with_tree.key_position(where), where


@settings(max_examples=400, deadline=None)
@given(yaml_text)
def test_random_text_reads_alike_with_and_without_the_tree(text: str) -> None:
    _same_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "a: &x 1\nb: *x\n",
        "a: &x 1\n",
        "a: *nowhere\n",
        "a: !!python/object:os.system x\n",
        "!!str k: v\n",
        "a: !!int 3\nb: !!null ''\nc: ! x\n",
        "a: 1\na: 2\n",
        "a: 1\n---\nb: 2\n",
        "[a, b]: 1\n",
        "a: [1, {b: 2, c: [3, ~, null, '', \"~\"]}]\n",
        "a: 'unclosed\n",
        "a:\n" + "  - " * 250 + "x\n",
        "\ufeffa: 1\r\nb: 2\r\n",
    ],
)
def test_unusual_documents_read_alike_with_and_without_the_tree(text: str) -> None:
    _same_reading(text)
