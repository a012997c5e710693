"""Briefing sheets: the printable page a team takes into the round, one per side.

    context.py  the view model (numbering, blocks, frontlines, weighing, evidence index)
    diagram.py  the side's case from argmap.render, sized for one page
    render.py   Jinja2 templates to HTML (autoescaped) and Markdown (escaped context)
    docx.py     python-docx: a Word file in Verbatim's Pocket / Hat / Block / Tag outline
    pdf.py      WeasyPrint: the same HTML, laid out for print, in worker processes

`make_sheet` builds one sheet in memory, with the analysis's status marks and open
critical questions; `write_sheets` is what `argmap brief` runs: it decides the file
names, writes atomically and returns the paths written. Importing this package is
cheap (the modules above load on first use), so that `argmap brief` can start its PDF
printers (argmap.brief.pdf) before anything else.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.fileio import write_atomic
from argmap.progress import Steps
from argmap.render.choices import Paper

if TYPE_CHECKING:
    from argmap.brief.context import BriefContext, build_context
    from argmap.brief.diagram import Diagram, side_diagram
    from argmap.brief.figures import Figure
    from argmap.brief.pdf import Printer
    from argmap.brief.render import TemplateProblem
    from argmap.graph import MapGraph
    from argmap.model import Side

__all__ = [
    "BriefContext",
    "Diagram",
    "OutputProblem",
    "Sheet",
    "SheetFormat",
    "SheetOptions",
    "TemplateProblem",
    "build_context",
    "make_sheet",
    "sheet_paths",
    "side_diagram",
    "write_sheets",
]

_HOME = {
    "BriefContext": "context",
    "build_context": "context",
    "Diagram": "diagram",
    "side_diagram": "diagram",
    "TemplateProblem": "render",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"argmap.brief.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SheetFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MARKDOWN = "md"
    DOCX = "docx"

    @classmethod
    def from_suffix(cls, path: Path) -> SheetFormat | None:
        suffixes = {".html": cls.HTML, ".htm": cls.HTML, ".pdf": cls.PDF, ".md": cls.MARKDOWN}
        return (suffixes | {".docx": cls.DOCX}).get(path.suffix.lower())


class OutputProblem(Exception):
    """An output that cannot hold the sheets asked for (wrong usage)."""


@dataclass(frozen=True, slots=True)
class SheetOptions:
    """How a sheet is made, as `argmap brief`'s options set it."""

    paper: Paper = Paper.A4
    templates: Path | None = None  # a folder replacing the built-in templates
    full_text: bool = False  # full texts under the tag lines
    status: bool = True  # status marks from the analysis
    diagram: bool = True  # the side's case drawn by Graphviz


@dataclass(frozen=True, slots=True)
class Sheet:
    """One rendered sheet; `diagram` is the SVG a Markdown sheet links to, written beside it."""

    side: Side
    format: SheetFormat
    content: bytes
    diagram: str | None = None


def make_sheet(
    graph: MapGraph,
    side: Side,
    fmt: SheetFormat,
    options: SheetOptions = SheetOptions(),
    *,
    diagram_name: str = "diagram.svg",
    generated: dt.date | None = None,
) -> Sheet:
    """Render the sheet for `side` of `graph` in format `fmt`.

    Raises TemplateProblem for a broken template folder, argmap.render.GraphvizError
    when the diagram cannot be drawn, and (PDF only) argmap.brief.pdf.PdfUnavailable
    when WeasyPrint cannot load. A Markdown sheet links its diagram as `diagram_name`.
    """
    from argmap.brief.pdf import Printer
    from argmap.brief.render import render_html, render_markdown

    if fmt is SheetFormat.DOCX:
        # Verbatim's outline: every answer with its full text and cards; no diagram
        from argmap.brief.docx import render_docx

        word = replace(options, diagram=False, full_text=True)
        context, _ = _sheet_parts(graph, side, word, generated)
        return Sheet(side, fmt, render_docx(context, options.paper))
    if fmt is SheetFormat.PDF:
        printer = Printer()
        printer.submit(*_print_job(graph, side, options, generated))
        return Sheet(side, fmt, printer.result())
    context, diagram = _sheet_parts(graph, side, options, generated)
    if fmt is SheetFormat.MARKDOWN:
        text = render_markdown(
            context, templates=options.templates, diagram=diagram, diagram_file=diagram_name
        )
        return Sheet(side, fmt, text.encode("utf-8"), diagram.svg if diagram else None)
    html = render_html(context, paper=options.paper, templates=options.templates, diagram=diagram)
    return Sheet(side, fmt, html.encode("utf-8"))


def _sheet_parts(
    graph: MapGraph, side: Side, options: SheetOptions, generated: dt.date | None
) -> tuple[BriefContext, Diagram | None]:
    """The sheet's view model, with the analysis's marks and questions, and its diagram."""
    from argmap.analysis import analyse
    from argmap.analysis.questions import open_questions
    from argmap.brief.context import build_context
    from argmap.brief.diagram import side_diagram

    evaluation = analyse(graph)
    verdicts = evaluation.verdicts if options.status else None
    context = build_context(
        graph,
        side,
        verdicts=verdicts,
        questions=open_questions(graph, side, evaluation),
        full_text=options.full_text,
        generated=generated,
    )
    marks = {n: v.status for n, v in verdicts.items()} if verdicts is not None else None
    diagram = side_diagram(graph, side, marks, options.paper) if options.diagram else None
    return context, diagram


def _print_job(
    graph: MapGraph, side: Side, options: SheetOptions, generated: dt.date | None = None
) -> tuple[str, list[Figure]]:
    """What a printer needs for the PDF sheet: its HTML, and its figures.

    The diagram is a figure: the HTML leaves an empty box for it, and the printer
    draws Graphviz's PDF of it there (argmap.brief.figures).
    """
    from argmap.brief.diagram import diagram_pdf, printed_size
    from argmap.brief.figures import Figure
    from argmap.brief.render import DIAGRAM_BOX, render_html

    context, diagram = _sheet_parts(graph, side, options, generated)
    if diagram is None:
        html = render_html(context, paper=options.paper, templates=options.templates)
        return html, []
    size = printed_size(diagram, options.paper)
    html = render_html(
        context, paper=options.paper, templates=options.templates, diagram=diagram, box=size
    )
    return html, [Figure(DIAGRAM_BOX, *size, draw=lambda: diagram_pdf(diagram))]


def sheet_paths(
    map_path: Path, sides: Sequence[Side], fmt: SheetFormat, output: str | None
) -> list[Path]:
    """Where each side's sheet goes.

    No output: the current folder. An existing folder, or a path ending in '/', is a
    folder: sheets in it are named MAP-SIDE.EXT ("uniforms-pro.pdf"). Anything else
    is the file for the one sheet asked for; two sheets need a folder.
    """
    if output is None:
        folder = Path.cwd()
    elif output.endswith(("/", os.sep)) or Path(output).is_dir():
        folder = Path(output)
    elif len(sides) == 1:
        return [Path(output)]
    elif SheetFormat.from_suffix(Path(output)) is not None:
        raise OutputProblem(
            f"{output} names one file, but both sides' sheets were asked for: "
            "give a folder (ending in /), or choose a side with --side"
        )
    else:
        folder = Path(output)
    return [folder / f"{map_path.stem}-{side.value}.{fmt.value}" for side in sides]


def write_sheets(
    graph: MapGraph,
    map_path: Path,
    sides: Sequence[Side],
    fmt: SheetFormat,
    output: str | None,
    options: SheetOptions = SheetOptions(),
    printers: Sequence[Printer] = (),
    steps: Steps | None = None,
) -> list[Path]:
    """Render and write one sheet per side; returns the files written (diagrams included).

    PDF sheets go to `printers`, one per side (see argmap.brief.pdf.open_printers:
    started before the map was read, they have WeasyPrint loaded by now, and print the
    two sides at once); without them the PDFs are printed here, one after the other.
    Each sheet's layout (analysis, diagram) and each PDF's writing is a step of `steps`.
    """
    from argmap.brief.pdf import Printer

    paths = sheet_paths(map_path, sides, fmt, output)
    sheets: list[Sheet] = []
    steps = steps or Steps(0)
    if fmt is SheetFormat.PDF:
        steps.more(2 * len(sides))
        workers = list(printers) or [Printer() for _ in sides]
        for side, worker in zip(sides, workers, strict=True):
            steps.start(f"{side.value} sheet: laying out")
            worker.submit(*_print_job(graph, side, options))
            steps.done()
        for side, worker in zip(sides, workers, strict=True):
            steps.start(f"{side.value} sheet: writing the PDF")
            sheets.append(Sheet(side, fmt, worker.result()))
            steps.done()
    else:
        steps.more(len(sides))
        for side, path in zip(sides, paths, strict=True):
            steps.start(f"{side.value} sheet: laying out")
            diagram_name = path.with_suffix(".svg").name
            sheets.append(make_sheet(graph, side, fmt, options, diagram_name=diagram_name))
            steps.done()
    written: list[Path] = []
    for sheet, path in zip(sheets, paths, strict=True):
        write_atomic(path, sheet.content)
        written.append(path)
        if sheet.diagram is not None:
            write_atomic(path.with_suffix(".svg"), sheet.diagram)
            written.append(path.with_suffix(".svg"))
    return written
