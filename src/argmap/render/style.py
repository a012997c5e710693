"""The visual language: fills, borders, edge styles and their meaning, in one place.

Nothing here depends on colour alone. Sides differ by fill *and* a printed marker;
relations by line style, arrowhead and a written label; statuses by glyph, word and
border. The colours are Okabe-Ito hues (safe for the common colour-vision
deficiencies) at light tints, so black text stays readable in greyscale.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis import Status
from argmap.model import Side

FONT = "DejaVu Sans"
FONT_SIZE = 10
SMALL = 9  # codes, evidence lines, edge words: 7.2 pt at the atlas's smallest scale

INK = "#222222"
MUTED = "#555555"
SIDE_MARK = {Side.PRO: "PRO", Side.CON: "CON"}
SIDE_FILL = {Side.PRO: "#D4E6F4", Side.CON: "#FBE5C8"}  # tints of Okabe-Ito blue, orange
# Header bands tell the sides apart without colour: a dark band with white type for
# PRO, a light one with dark type for CON (greyscale luminance about 60 against 210).
SIDE_BAND = {Side.PRO: "#0B4F80", Side.CON: "#F4C98E"}
SIDE_BAND_INK = {Side.PRO: "#FFFFFF", Side.CON: INK}
SUPPORT_COLOUR = INK
ATTACK_COLOUR = "#B3470A"  # Okabe-Ito vermillion, darkened for contrast on white
LINK_COLOUR = "#0072B2"  # Okabe-Ito blue
OUTWEIGH_COLOUR = "#9A4E7F"  # Okabe-Ito reddish purple, darkened
STUB_FILL = "#FFFFFF"
WRAP_FULL = 34  # columns of body text per line
WRAP_TITLES = 24
TITLE_LINES = 4  # titles-only mode: the most lines a label keeps
WRAP_EDGE = 14  # columns of an attack's words on its line ("their evidence / is bad")


@dataclass(frozen=True, slots=True)
class Border:
    """How a node's outline marks its status (never colour alone)."""

    penwidth: float = 1.2
    styles: tuple[str, ...] = ("rounded",)
    peripheries: int = 1
    strike: bool = False  # strike the headline through


BORDERS: dict[Status | None, Border] = {
    None: Border(),
    Status.STANDS: Border(penwidth=3.0),
    Status.FALLS: Border(styles=("diagonals",), strike=True),
    Status.CONTESTED: Border(peripheries=2),
    Status.UNSUPPORTED: Border(styles=("rounded", "dotted"), penwidth=1.6),
    Status.CUT: Border(penwidth=3.0),  # granted: drawn like a node that stands
}
BORDER_WORDS = {
    Status.STANDS: "thick border",
    Status.FALLS: "cut corners, headline struck through",
    Status.CONTESTED: "double border",
    Status.UNSUPPORTED: "dotted border",
    Status.CUT: "thick border: granted; \u2702 cut on its line",
}
