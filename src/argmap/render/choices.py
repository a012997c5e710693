"""Choices: the formats, directions and papers a diagram can take.

Kept free of heavy imports, so that the command line can offer them as options
without loading pydantic or Graphviz for `argmap --help`.
"""

from __future__ import annotations

from enum import StrEnum

MARGIN = 28.0  # points of paper margin on each side (10 mm)


class Format(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"


class Direction(StrEnum):
    TB = "TB"  # top to bottom: the thesis on top
    LR = "LR"  # left to right


class Layout(StrEnum):
    OUTLINE = "outline"  # an atlas's pages as an indented outline, two columns a page
    TREE = "tree"  # an atlas's pages as Graphviz trees (`dot`), an overview first


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in points, portrait."""
        return (595.0, 842.0) if self is Paper.A4 else (612.0, 792.0)

    @property
    def printable(self) -> tuple[float, float]:
        """The area inside the margins, portrait."""
        width, height = self.size
        return width - 2 * MARGIN, height - 2 * MARGIN
