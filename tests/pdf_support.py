"""Reading PDFs back in tests: the size each piece of text prints at."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def printed_sizes(pdf: Path) -> list[tuple[int, float, str]]:
    """(page number, printed size in points, text) for every piece of text in `pdf`: the
    font size times the text and page matrices' vertical scale, as it lands on paper."""
    found: list[tuple[int, float, str]] = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                found.append((number, abs(size * tm[3] * cm[3]), text.strip()[:30]))  # noqa: B023

        page.extract_text(visitor_text=visit)
    return found
