"""Briefing sheets: the printable page a team takes into the round, one per side.

    context.py  the view model (numbering, blocks, frontlines, weighing, evidence index)
    render.py   Jinja2 templates to HTML (autoescaped) and Markdown (escaped context)
    pdf.py      WeasyPrint: the same HTML, laid out for print

`make_sheet` builds one sheet in memory; `write_sheets` is what `argmap brief` runs:
it decides the file names, writes atomically and returns the paths written.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from argmap.analysis import Verdict
from argmap.brief.context import BriefContext, OpenQuestion, build_context
from argmap.brief.render import Paper, TemplateProblem, render_html, render_markdown
from argmap.fileio import write_atomic
from argmap.graph import MapGraph
from argmap.model import Side

__all__ = [
    "BriefContext",
    "OpenQuestion",
    "OutputProblem",
    "Paper",
    "Sheet",
    "SheetFormat",
    "TemplateProblem",
    "build_context",
    "make_sheet",
    "sheet_paths",
    "write_sheets",
]


class SheetFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MARKDOWN = "md"

    @classmethod
    def from_suffix(cls, path: Path) -> SheetFormat | None:
        return {".html": cls.HTML, ".htm": cls.HTML, ".pdf": cls.PDF, ".md": cls.MARKDOWN}.get(
            path.suffix.lower()
        )


class OutputProblem(Exception):
    """An output that cannot hold the sheets asked for (wrong usage)."""


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
    *,
    paper: Paper = Paper.A4,
    templates: Path | None = None,
    full_text: bool = False,
    verdicts: Mapping[str, Verdict] | None = None,
    questions: Sequence[OpenQuestion] | None = None,
    diagram_name: str | None = None,
    generated: dt.date | None = None,
) -> Sheet:
    """Render the sheet for `side` of `graph` in format `fmt`.

    Raises TemplateProblem for a broken template folder, and (PDF only)
    argmap.brief.pdf.PdfUnavailable when WeasyPrint cannot load. `diagram_name` is
    the file name a Markdown sheet uses for its diagram.
    """
    context = build_context(
        graph,
        side,
        verdicts=verdicts,
        questions=questions,
        full_text=full_text,
        generated=generated,
    )
    diagram = side_diagram(graph, side, verdicts)
    if fmt is SheetFormat.MARKDOWN:
        link = diagram_name if diagram else None
        text = render_markdown(context, templates=templates, diagram_file=link)
        return Sheet(side, fmt, text.encode("utf-8"), diagram)
    html = render_html(context, paper=paper, templates=templates, diagram=diagram)
    if fmt is SheetFormat.HTML:
        return Sheet(side, fmt, html.encode("utf-8"))
    from argmap.brief.pdf import render_pdf

    return Sheet(side, fmt, render_pdf(html))


def side_diagram(
    graph: MapGraph, side: Side, verdicts: Mapping[str, Verdict] | None = None
) -> str | None:
    """The SVG diagram of one side's case from `argmap.render`, or None until it is available."""
    try:
        render = importlib.import_module("argmap.render")
    except ModuleNotFoundError as exc:
        if exc.name != "argmap.render":
            raise
        return None
    draw: Callable[..., Any] | None = getattr(render, "diagram_svg", None)
    if draw is None:
        return None
    return str(draw(graph, side=side, verdicts=verdicts))


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
    *,
    paper: Paper = Paper.A4,
    templates: Path | None = None,
    full_text: bool = False,
) -> list[Path]:
    """Render and write one sheet per side; returns the files written (diagrams included).

    PDF sheets of both sides render in two processes where the machine has the cores:
    WeasyPrint's layout is pure Python, so this halves the wait.
    """
    paths = sheet_paths(map_path, sides, fmt, output)
    render = functools.partial(
        _sheet_for,
        graph,
        fmt=fmt,
        paper=paper,
        templates=templates,
        full_text=full_text,
    )
    jobs = [(side, path.with_suffix(".svg").name) for side, path in zip(sides, paths, strict=True)]
    if fmt is SheetFormat.PDF and len(jobs) > 1 and _can_fork():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(len(jobs), mp_context=context) as pool:
            sheets = list(pool.map(render, jobs))
    else:
        sheets = [render(job) for job in jobs]
    written: list[Path] = []
    for sheet, path in zip(sheets, paths, strict=True):
        write_atomic(path, sheet.content)
        written.append(path)
        if sheet.diagram is not None and fmt is SheetFormat.MARKDOWN:
            write_atomic(path.with_suffix(".svg"), sheet.diagram)
            written.append(path.with_suffix(".svg"))
    return written


def _sheet_for(
    graph: MapGraph,
    job: tuple[Side, str],
    *,
    fmt: SheetFormat,
    paper: Paper,
    templates: Path | None,
    full_text: bool,
) -> Sheet:
    side, diagram_name = job
    return make_sheet(
        graph,
        side,
        fmt,
        paper=paper,
        templates=templates,
        full_text=full_text,
        diagram_name=diagram_name,
    )


def _can_fork() -> bool:
    """Forking is safe on Linux before WeasyPrint has loaded its libraries; elsewhere, no."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and "weasyprint" not in sys.modules
