"""Read-aloud marks in quotes, and the plain words for attack kinds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.model import Attack
from argmap.quotes import has_marks, mark, plain, read_aloud, runs
from argmap.words import attack_words, legend


def test_marked_words_are_read_and_the_rest_is_not() -> None:
    quote = "Costs ==rose 40%== in 2023, ==mostly for uniforms==."
    assert [(r.text, r.read) for r in runs(quote)] == [
        ("Costs ", False),
        ("rose 40%", True),
        (" in 2023, ", False),
        ("mostly for uniforms", True),
        (".", False),
    ]
    assert has_marks(quote)
    assert plain(quote) == "Costs rose 40% in 2023, mostly for uniforms."
    assert read_aloud(quote) == "rose 40% ... mostly for uniforms"


def test_a_quote_without_marks_is_read_whole_and_an_unpaired_mark_is_text() -> None:
    assert not has_marks("No marks here.")
    assert read_aloud("No marks here.") == "No marks here."
    assert [(r.text, r.read) for r in runs("a ==b== c == d")] == [
        ("a ", False),
        ("b", True),
        (" c == d", False),
    ]
    assert plain("x == y") == "x == y"


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="="), min_size=1)))
def test_marking_runs_and_reading_them_back_round_trips(pieces: list[str]) -> None:
    quote = "".join(mark(p) if i % 2 else p for i, p in enumerate(pieces))
    assert plain(quote) == "".join(pieces)
    read = [p for i, p in enumerate(pieces) if i % 2 and p.strip()]
    assert has_marks(quote) == bool(read)


def test_attacks_in_a_debaters_words() -> None:
    assert attack_words(Attack.REBUT) == "not true"
    assert attack_words(Attack.UNDERCUT) == "does not follow"
    assert attack_words(Attack.UNDERMINE) == "their reason is false"
    assert attack_words(Attack.UNDERMINE, on_evidence=True) == "their evidence is bad"
    assert attack_words(Attack.UNDERCUT, turn=True) == "turn"
    assert attack_words(None) == "not true"  # a rebuttal without a kind rebuts
    formal = [term.split(":")[0] for _, term in legend()]
    assert formal == ["rebut", "undermine", "undercut", "turn"]
