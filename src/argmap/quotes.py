"""Read-aloud marks in a card's quote: `==these words==` are the ones a debater reads.

Verbatim users highlight (and underline) the words of a card to read aloud and shrink
the rest. A map marks them in `quote` with `==...==`; outputs (HTML, PDF, Markdown,
Word) print the marked words bold and underlined and the rest in smaller type. A
quote with no marks is read whole. An unpaired `==` is kept as text.

    >>> [(r.text, r.read) for r in runs("Costs ==rose 40%== in 2023.")]
    [('Costs ', False), ('rose 40%', True), (' in 2023.', False)]
"""

from __future__ import annotations

from dataclasses import dataclass

MARK = "=="


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a quote: read aloud (marked) or not."""

    text: str
    read: bool


def runs(quote: str) -> list[Run]:
    """The quote as marked and unmarked runs, in order, without the marks."""
    parts = quote.split(MARK)
    if len(parts) % 2 == 0:  # an odd number of marks: the last one is literal text
        parts[-2:] = [parts[-2] + MARK + parts[-1]]
    return [Run(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def has_marks(quote: str) -> bool:
    """Whether the quote marks any words to read aloud."""
    return any(run.read for run in runs(quote))


def plain(quote: str) -> str:
    """The quote's words without the marks."""
    return "".join(run.text for run in runs(quote))


def read_aloud(quote: str) -> str:
    """What a debater reads: the marked words joined by ' ... ', or the whole quote."""
    marked = [run.text.strip() for run in runs(quote) if run.read]
    return " ... ".join(marked) if marked else plain(quote)


def mark(text: str) -> str:
    """Mark the whole of `text` to be read aloud (an importer's highlighted run)."""
    return f"{MARK}{text}{MARK}" if text.strip() else text
