"""Drawings in a PDF sheet: Graphviz's own PDF, printed into a box the page left empty.

WeasyPrint would take longer to draw the diagram's inline SVG than to lay out all the
rest of its page. So the HTML that WeasyPrint prints holds an empty box of the
drawing's size, WeasyPrint reports where the box landed (`Place`), and pypdf draws the
drawing there as a Form XObject: its content stream is copied, never parsed. The page
keeps WeasyPrint's running header, footer and "Page X of Y".
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import IndirectObject


@dataclass(frozen=True, slots=True)
class Figure:
    """A drawing to print into the empty box with HTML id `box`, `width` x `height` points."""

    box: str
    width: float
    height: float
    draw: Callable[[], bytes]  # the drawing as a one-page PDF; called when the sheet prints


@dataclass(frozen=True, slots=True)
class Place:
    """Where a box landed: the page's index, its top-left corner in points from the page's."""

    page: int
    left: float
    top: float


@dataclass(frozen=True, slots=True)
class Drawing:
    """A figure drawn and read, ready to print (see `prepare`)."""

    figure: Figure
    page: PageObject


def prepare(figures: Sequence[Figure]) -> list[Drawing]:
    """Draw and read each figure: the work that can run while WeasyPrint lays out the text."""
    if not figures:  # a sheet without a diagram need not load pypdf (0.1 s)
        return []
    from pypdf import PdfReader

    return [Drawing(f, PdfReader(io.BytesIO(f.draw())).pages[0]) for f in figures]


def print_drawings(pdf: bytes, places: Mapping[str, Place], drawings: Sequence[Drawing]) -> bytes:
    """`pdf` with each drawing scaled into its box and centred there.

    A drawing whose box is not in `places` (a template that leaves no box) is left out.
    """
    placed = [(places[d.figure.box], d) for d in drawings if d.figure.box in places]
    if not placed:
        return pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for number, (place, drawing) in enumerate(placed):
        page = writer.pages[place.page]
        name = f"/ArgmapFigure{number}"
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        xobjects[NameObject(name)] = _form(writer, drawing.page)
        matrix = _fit(drawing, place, float(page.mediabox.top))
        # The page's own drawing goes in q/Q, so no state it leaves changes the figure's.
        content = page.get_contents()
        if content is None:
            content = ContentStream(None, None)
        draw = f"\nQ\nq {matrix} cm {name} Do Q\n".encode()
        content.set_data(b"q\n" + content.get_data() + draw)
        page.replace_contents(content)
        page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(writer: PdfWriter, drawing: PageObject) -> IndirectObject:
    """The drawing's page as a Form XObject in `writer`: same content, same resources."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    content = drawing.get_contents()
    form = DecodedStreamObject()
    form.set_data(content.get_data() if content is not None else b"")
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in drawing.mediabox)
    if "/Resources" in drawing:
        form[NameObject("/Resources")] = drawing["/Resources"].clone(writer)
    # pypdf has no public call that adds a new indirect object; a stream must be one.
    return writer._add_object(form.flate_encode())


def _fit(drawing: Drawing, place: Place, page_top: float) -> str:
    """The `cm` operands that scale the drawing's page into its box, centred (PDF y runs up)."""
    box = drawing.page.mediabox
    width, height = float(box.width), float(box.height)
    figure = drawing.figure
    scale = min(figure.width / width, figure.height / height)
    left = place.left + (figure.width - width * scale) / 2 - float(box.left) * scale
    bottom = page_top - place.top - figure.height
    bottom += (figure.height - height * scale) / 2 - float(box.bottom) * scale
    return f"{scale:.5f} 0 0 {scale:.5f} {left:.3f} {bottom:.3f}"
