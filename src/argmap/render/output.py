"""Output: lay pages out with Graphviz and write them as SVG, PNG, PDF or DOT files.

One diagram goes to one file. An atlas goes to one multi-page PDF (each page
printed on the paper, with a bookmark per page) or, for the other formats, to a
folder holding one file per page; SVG pages link to each other.
"""

from __future__ import annotations

import io
import os
import re
import struct
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.analysis import Status
from argmap.diagnostics import Diagnostic
from argmap.fileio import write_atomic
from argmap.graph import MapGraph
from argmap.model import Side
from argmap.render.atlas import Measure, plan_atlas
from argmap.render.choices import MARGIN, Format, Layout, Paper
from argmap.render.dot import LabelKey, build_dot, format_attrs
from argmap.render.labels import Label
from argmap.render.outline import NODE_ATTRS, plan_outline
from argmap.render.outline_rows import Attrs
from argmap.render.size import DEFAULT_MAX_NODES, MIN_SCALE, Look, Sizer
from argmap.render.text import clean
from argmap.render.view import (
    DiagramOptions,
    Page,
    RenderError,
    describe_view,
    select_nodes,
    view_roots,
)

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter


class GraphvizError(RuntimeError):
    """Graphviz is missing or failed to lay a diagram out."""


LAYOUT_TIMEOUT = 60.0
"""Seconds Graphviz may spend on one page before argmap gives up on it."""


DOT = ("dot",)
PLACED = ("neato", "-n2")  # no layout: every node and line where its `pos` puts it


def layout(dot: str, fmt: str, *, pages: int = 1, engine: Sequence[str] = DOT) -> bytes:
    """Run Graphviz's `dot` on DOT text; `fmt` is a Graphviz output format. `pages`: how
    many graphs the text holds (a batch gets 2 s more a page). `engine`: `PLACED` draws
    a graph argmap has placed itself (an outline page).

    Bounded in time (`LAYOUT_TIMEOUT`, or `ARGMAP_GRAPHVIZ_TIMEOUT` seconds): a page with
    hundreds of cross-links or tens of thousands of nodes can keep `dot` busy for many
    minutes, silently; past the bound it is stopped and the message says what to draw instead.
    """
    import subprocess

    try:
        timeout = float(os.environ.get("ARGMAP_GRAPHVIZ_TIMEOUT", LAYOUT_TIMEOUT))
    except ValueError:
        timeout = LAYOUT_TIMEOUT
    timeout += 2.0 * (pages - 1)
    try:
        done = subprocess.run(
            [*engine, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True, timeout=timeout
        )
    except FileNotFoundError as exc:
        raise GraphvizError(
            "Graphviz's `dot` was not found: install Graphviz (Debian: apt-get install graphviz, "
            "or run `make setup`)"
        ) from exc
    except subprocess.TimeoutExpired as exc:
        nodes, links = dot.count("[label="), dot.count("->")
        raise GraphvizError(
            f"Graphviz gave up after {timeout:g} s on a page of about {nodes:,} boxes and "
            f"{links:,} links: draw less at once (--focus, --side, --depth, or the atlas "
            "instead of --no-atlas)"
        ) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise GraphvizError(f"Graphviz failed: {detail or f'exit status {done.returncode}'}")
    return done.stdout


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to cut a view into pages: `atlas` None decides by size."""

    atlas: bool | None = None
    max_nodes: int = DEFAULT_MAX_NODES
    paper: Paper | None = Paper.A4  # None: PDF pages keep Graphviz's own size
    layout: Layout = Layout.OUTLINE  # how an atlas's pages are laid out


def plan_pages(
    graph: MapGraph,
    options: DiagramOptions,
    settings: RenderSettings = RenderSettings(),
    measure: Measure | None = None,
    *,
    paper_key: bool = True,
) -> list[Page]:
    """The view as one page, or as an atlas when it would not read on the paper.

    With `measure` (see `measurer`), pages are checked against Graphviz's own layout:
    a diagram the estimate put on one sheet but that prints too small becomes an atlas,
    and atlas pages are split or joined until each prints at reading size. `paper_key`:
    a whole view on one sheet puts the key on a page of its own where it does not fit
    beside the drawing (PDF); otherwise the key stays on the drawing (SVG, PNG, DOT)."""
    nodes = select_nodes(graph, options)
    if not nodes:
        heading = " \u00b7 ".join(filter(None, [describe_view(graph, options), "nothing to draw"]))
        return [Page((), heading=heading, legend=False)]
    single = [Page(tuple(nodes), heading=describe_view(graph, options))]
    sizer = Sizer(graph, settings.paper or Paper.A4, settings.max_nodes)
    if not needs_atlas(graph, nodes, options, settings, measure, sizer):
        return single
    look = Look(options.direction, options.titles_only, options.legend)
    roots = view_roots(graph, options)
    whole = settings.atlas is None
    return plan_atlas(sizer, nodes, roots, look, measure, whole=whole, paper_key=paper_key)


def needs_atlas(
    graph: MapGraph,
    nodes: Sequence[str],
    options: DiagramOptions,
    settings: RenderSettings,
    measure: Measure | None,
    sizer: Sizer,
) -> bool:
    """Whether the view needs pages: asked for, or (`settings.atlas` None) too big to
    read on one sheet, by the estimate (`sizer`, whose label sizes a tree atlas then
    plans with) and then (with `measure`) by Graphviz's layout."""
    if len(nodes) < 2 or settings.atlas is not None:
        return len(nodes) >= 2 and bool(settings.atlas)
    look = Look(options.direction, options.titles_only, options.legend)
    if not sizer.fits(nodes, look):
        return True
    if measure is None:
        return False
    size = measure([Page(tuple(nodes), heading=describe_view(graph, options))])[0]
    return size is not None and sizer.fit(size) < MIN_SCALE


def measure_boxes(items: Sequence[tuple[str, Attrs]]) -> list[tuple[float, float]]:
    """Graphviz's size of each (label, box attributes), in points: one graph of the
    boxes alone, set in place (`PLACED`), read back as JSON; a process per core."""
    import json

    workers = max(1, min(os.cpu_count() or 2, len(items) // 200 + 1))
    chunks = [list(range(len(items)))[i::workers] for i in range(workers)]

    def run(chunk: list[int]) -> dict[int, tuple[float, float]]:
        lines = ["digraph measure {", f"node [{format_attrs(NODE_ATTRS)}];"]
        for i in chunk:
            label, attrs = items[i]
            lines.append(f'n{i} [{format_attrs({**attrs, "label": label})}, pos="0,0"];')
        lines.append("}")
        found = json.loads(layout("\n".join(lines), "json", engine=PLACED))
        return {
            int(o["name"][1:]): (float(o["width"]) * 72, float(o["height"]) * 72)
            for o in found.get("objects", [])
            if "width" in o
        }

    with ThreadPoolExecutor(max_workers=workers) as pool:
        sizes: dict[int, tuple[float, float]] = {}
        for part in pool.map(run, chunks):
            sizes.update(part)
    return [sizes[i] for i in range(len(items))]


def measurer(
    graph: MapGraph, options: DiagramOptions, statuses: Mapping[str, Status] | None
) -> Measure:
    """A `Measure` that lays pages out with Graphviz (SVG, which gives the size in points)."""

    labels: dict[LabelKey, Label] = {}

    def measure(pages: Sequence[Page]) -> list[tuple[float, float] | None]:
        drawn = [p for p in pages if p.nodes]
        dots = [build_dot(graph, p, options, statuses, labels=labels) for p in drawn]
        outputs = iter(_layout_all(dots, "svg"))
        return [drawn_size(next(outputs), Format.SVG) if page.nodes else None for page in pages]

    return measure


_PDF_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]")
_SVG_BOX = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def drawn_size(data: bytes, fmt: Format) -> tuple[float, float] | None:
    """A laid-out page's size in points, read from Graphviz's output (None for DOT)."""
    if fmt is Format.PNG:  # Graphviz writes PNG at 96 dpi
        width, height = struct.unpack(">II", data[16:24])
        return width * 72 / 96, height * 72 / 96
    found = (_PDF_BOX if fmt is Format.PDF else _SVG_BOX).search(data)
    return (float(found[1]), float(found[2])) if fmt is not Format.DOT and found else None


@dataclass(frozen=True, slots=True)
class Drawing:
    """Pages laid out: their plan, the bytes of each output, and the pages that print
    below reading size (`MIN_SCALE`; the least a page can hold, where nothing smaller fits)."""

    pages: list[Page]
    outputs: list[bytes]
    small: tuple[int, ...] = ()


def draw(
    graph: MapGraph,
    options: DiagramOptions,
    settings: RenderSettings,
    fmt: Format,
    statuses: Mapping[str, Status] | None = None,
) -> Drawing:
    """Plan the pages (checked against Graphviz's layout when they go on paper) and lay
    them out in `fmt`; a PDF atlas comes back as one document."""
    paper = settings.paper
    measure = measurer(graph, options, statuses) if paper is not None else None
    outline = settings.layout is Layout.OUTLINE and fmt is not Format.DOT
    sizer = Sizer(graph, paper or Paper.A4, settings.max_nodes)
    nodes = select_nodes(graph, options) if outline else []
    if outline and needs_atlas(graph, nodes, options, settings, measure, sizer):
        pages, outputs = _draw_outline(graph, options, paper or Paper.A4, fmt, statuses)
    else:
        pages = plan_pages(graph, options, settings, measure, paper_key=fmt is Format.PDF)
        outputs = layout_pages(graph, pages, fmt, options, statuses)
    small: list[int] = []  # on paper: a screen zooms
    if paper is not None and fmt is Format.PDF:
        for page, data in zip(pages, outputs, strict=True):
            size = drawn_size(data, fmt) if page.nodes else None
            if size is not None and sizer.fit(size) < MIN_SCALE:
                small.append(page.number)
    if fmt is Format.PDF:
        captions = [p.caption or graph.map.title for p in pages]
        outputs = [join_pdf(outputs, captions, graph.map.title, paper)]
    return Drawing(pages, outputs, tuple(small))


def _draw_outline(
    graph: MapGraph,
    options: DiagramOptions,
    paper: Paper,
    fmt: Format,
    statuses: Mapping[str, Status] | None,
) -> tuple[list[Page], list[bytes]]:
    """An outline atlas (`render/outline.py`), a page each: every page printed at
    `outline.SCALE`, unless one box is taller than a column."""

    def links(pages: Sequence[Page]) -> dict[int, str] | None:
        return page_links(pages, fmt)

    planned = plan_outline(graph, options, paper, statuses, measure_boxes, links)
    return planned.pages, _layout_all(planned.dots, fmt.value, PLACED)


def _layout_all(dots: Sequence[str], fmt: str, engine: Sequence[str] = DOT) -> list[bytes]:
    """Each DOT text laid out; a `dot` process per core, each taking a batch of pages.

    Starting `dot` costs about as much as laying a small page out, and an atlas is
    checked page by page, so pages go to one process in turn; its output is cut back
    into pages (`split_outputs`). A batch that fails is laid out page by page, so that
    the message names the page."""
    if len(dots) <= 1:
        return [layout(dot, fmt, engine=engine) for dot in dots]
    workers = min(len(dots), os.cpu_count() or 2)
    batches = [list(dots[i::workers]) for i in range(workers)]

    def run(batch: list[str]) -> list[bytes]:
        try:
            joined = "".join(batch)
            found = split_outputs(layout(joined, fmt, pages=len(batch), engine=engine), fmt)
        except GraphvizError:
            found = []
        if len(found) == len(batch):
            return found
        return [layout(dot, fmt, engine=engine) for dot in batch]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(run, batches))
    return [done[i % workers][i // workers] for i in range(len(dots))]


_STARTS = {"svg": b"<?xml ", "pdf": b"%PDF-", "dot": b"digraph ", "xdot": b"digraph "}
_PNG_END = b"IEND\xaeB`\x82"


def split_outputs(data: bytes, fmt: str) -> list[bytes]:
    """Graphviz's outputs for several graphs, written one after another, as one each."""
    if fmt == "png":  # cut after each image's end chunk: compressed data may hold anything
        parts, start = [], 0
        while (end := data.find(_PNG_END, start)) != -1:
            parts.append(data[start : end + len(_PNG_END)])
            start = end + len(_PNG_END)
        return parts
    marker = _STARTS[fmt]
    starts = [m.start() for m in re.finditer(re.escape(marker), data)]
    if fmt == "pdf":  # a file begins at %PDF- only right after the previous one's end
        starts = [i for i in starts if i == 0 or data[i - 16 : i].rstrip().endswith(b"%%EOF")]
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]


PAGE_LINK = "#argmap-page-"  # a PDF page's link to another page, as Graphviz writes it


def join_pdf(
    pages: Sequence[bytes], captions: Sequence[str], title: str, paper: Paper | None
) -> bytes:
    """One PDF of the pages, each scaled down (never up) to fit the paper, with bookmarks;
    page references ("continued on p. N", a box naming a node's page) link to the page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    placed: list[tuple[float, float, float]] = []  # each page's scale and offset
    for data, caption in zip(pages, captions, strict=True):
        page = writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
        scale, x, y = 1.0, 0.0, 0.0
        if paper is not None:
            box = page.mediabox
            left, bottom = float(box.left), float(box.bottom)
            width, height = float(box.width), float(box.height)
            short, long = paper.size
            page_w, page_h = (long, short) if width > height else (short, long)
            scale = min(1.0, (page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN) / height)
            x = (page_w - width * scale) / 2 - left * scale  # centred across
            y = page_h - MARGIN - height * scale - bottom * scale  # from the top margin
            # Wrap the drawing in one transform; the operators themselves stay unparsed.
            content = page.get_contents()
            if content is not None:
                matrix = f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm\n".encode()
                content.set_data(matrix + content.get_data() + b"\nQ")
                page.replace_contents(content)
            page.mediabox = RectangleObject([0, 0, page_w, page_h])
            page.cropbox = RectangleObject([0, 0, page_w, page_h])
        placed.append((scale, x, y))
        writer.add_outline_item(title=caption, page_number=len(writer.pages) - 1)
    for page, (scale, x, y) in zip(writer.pages, placed, strict=True):
        _link_pages(writer, page, scale, x, y)
    writer.add_metadata({"/Title": clean(title), "/Creator": "argmap render"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _link_pages(writer: PdfWriter, page: PageObject, scale: float, x: float, y: float) -> None:
    """Graphviz's links to `PAGE_LINK`N become links to page N of the document, placed
    where the scaled drawing puts their boxes."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject

    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        action = annot.get("/A")
        target = str(action.get_object().get("/URI", "")) if action is not None else ""
        if not target.startswith(PAGE_LINK):
            continue
        number = int(target.removeprefix(PAGE_LINK))
        if not 1 <= number <= len(writer.pages):
            continue
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        rect = [x0 * scale + x, y0 * scale + y, x1 * scale + x, y1 * scale + y]
        annot[NameObject("/Rect")] = ArrayObject(FloatObject(v) for v in rect)
        del annot["/A"]
        annot[NameObject("/Dest")] = ArrayObject(
            [writer.pages[number - 1].indirect_reference, NameObject("/Fit")]
        )
        annot[NameObject("/Border")] = ArrayObject([NumberObject(0)] * 3)


def page_links(pages: Sequence[Page], fmt: Format) -> dict[int, str] | None:
    """Where each page of an atlas is linked to: its file (SVG), or a mark that `join_pdf`
    makes an internal link (PDF); None where pages do not link."""
    if len(pages) < 2:
        return None
    if fmt is Format.SVG:
        return {p.number: f"{p.name}.svg" for p in pages}
    if fmt is Format.PDF:
        return {p.number: f"{PAGE_LINK}{p.number}" for p in pages}
    return None


def layout_pages(
    graph: MapGraph,
    pages: Sequence[Page],
    fmt: Format,
    options: DiagramOptions,
    statuses: Mapping[str, Status] | None = None,
) -> list[bytes]:
    """Each page laid out by Graphviz in `fmt` (DOT: the source itself)."""
    links = page_links(pages, fmt)
    dots = [build_dot(graph, page, options, statuses, links=links) for page in pages]
    if fmt is Format.DOT:
        return [d.encode("utf-8") for d in dots]
    return _layout_all(dots, fmt.value)


def write_pages(
    target: Path, fmt: Format, pages: Sequence[Page], outputs: Sequence[bytes]
) -> list[Path]:
    """Write one file, or a folder named after `target` with one file per page."""
    if len(outputs) == 1:
        write_atomic(target, outputs[0])
        return [target]
    folder = target.with_suffix("")
    written = []
    for page, data in zip(pages, outputs, strict=True):
        path = folder / f"{page.name}.{fmt.value}"
        write_atomic(path, data)
        written.append(path)
    return written


def render_map(
    graph: MapGraph,
    target: Path,
    fmt: Format,
    options: DiagramOptions | None = None,
    settings: RenderSettings = RenderSettings(),
    statuses: Mapping[str, Status] | None = None,
) -> tuple[list[Page], list[Path]]:
    """Draw `graph` into `target` (or a folder beside it for a multi-file atlas)."""
    drawing = draw(graph, options or DiagramOptions(), settings, fmt, statuses)
    return drawing.pages, write_pages(target, fmt, drawing.pages, drawing.outputs)


STDOUT = Path("-")


@dataclass(frozen=True, slots=True)
class Drawn:
    """What drawing one map file did: the pages and files, or the map's diagnostics."""

    file: Path
    pages: int = 0
    written: tuple[Path, ...] = ()  # empty when the diagram went to standard output
    diagnostics: tuple[Diagnostic, ...] = ()
    failed: bool = False
    small: tuple[int, ...] = ()  # pages that print below reading size

    @property
    def summary(self) -> str:
        if not self.written:
            where = "standard output"
        elif len(self.written) == 1:
            where = str(self.written[0])
        else:
            where = f"{self.written[0].parent}{os.sep}"
        pages = f" ({self.pages} pages)" if self.pages > 1 else ""
        if self.small:
            which = ", ".join(map(str, self.small))
            pages += (
                f"; page{'s' * (len(self.small) > 1)} {which} print{'s' * (len(self.small) == 1)}"
                " below 8 pt: draw less at once (--depth, --focus) or use bigger paper"
            )
        return f"{self.file} -> {where}{pages}"


def draw_file(
    file: Path,
    target: Path,
    fmt: Format,
    options: DiagramOptions,
    settings: RenderSettings = RenderSettings(),
    *,
    status: bool = True,
) -> Drawn:
    """Read, check and draw one map file into `target` (`STDOUT` for standard output).

    With `status`, every node carries its status mark from the analysis.
    A map with errors is not drawn: its diagnostics come back. Raises `RenderError`
    for a view or target that cannot work and `GraphvizError` when Graphviz fails.
    """
    from argmap.analysis import statuses
    from argmap.validate import load_map

    result = load_map(file)
    if result.graph is None:
        return Drawn(file, diagnostics=tuple(result.diagnostics), failed=True)
    marks = statuses(result.graph) if status else None
    drawing = draw(result.graph, options, settings, fmt, marks)
    pages = drawing.pages
    if target != STDOUT:
        paths = write_pages(target, fmt, pages, drawing.outputs)
        return Drawn(file, len(pages), tuple(paths), small=drawing.small)
    if len(drawing.outputs) > 1:
        raise RenderError(
            f"{file} needs an atlas of {len(pages)} pages: write it to a folder "
            "(-o FOLDER), as one PDF (-f pdf), or draw it whole (--no-atlas)"
        )
    [data] = drawing.outputs
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return Drawn(file, len(pages), small=drawing.small)


def output_targets(
    files: Sequence[Path], output: Path | None, fmt: Format | None, *, folder: bool = False
) -> list[tuple[Path, Path, Format]]:
    """Where each map's diagram goes, and in which format: (map, target, format).

    One map: `output` is the file (its suffix names the format unless `fmt` does),
    `-` for standard output, or a folder; without `output`, NAME.FORMAT in the
    working folder. Several maps (or `folder`): `output` is a folder and each map
    becomes FOLDER/NAME.FORMAT. Raises `RenderError` for combinations that make no sense.
    """
    many = folder or len(files) > 1
    to_folder = output is not None and (
        many or output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix
    )
    if output == STDOUT:
        if many:
            raise RenderError("'-o -' writes one diagram to standard output; give a folder instead")
        chosen = fmt or Format.SVG
        if chosen in (Format.PNG, Format.PDF) and sys.stdout.isatty():
            raise RenderError(
                f"'-o -' would print {chosen.value.upper()} bytes on the terminal: "
                "pipe it, or write a file (-o NAME.{chosen.value})"
            )
        return [(files[0], STDOUT, chosen)]
    if many and output is not None and not output.is_dir() and output.suffix.lower() in _SUFFIXES:
        raise RenderError(
            f"-o {output} names one file, but {len(files)} maps were given: give a folder "
            "(-o build/), one map per file"
        )
    if output is not None and not to_folder:
        suffix = output.suffix.lower().lstrip(".")
        named = Format(suffix) if suffix in Format.__members__.values() else None
        if named is None and fmt is None:
            raise RenderError(
                f"cannot tell the format from '{output.name}': use .svg, .png, .pdf or .dot, "
                "or give --format"
            )
        if named is not None and fmt is not None and named is not fmt:
            raise RenderError(f"'{output.name}' names {named} but --format says {fmt}")
        return _distinct([(files[0], output, fmt or named or Format.SVG)])
    chosen = fmt or Format.SVG
    base = output if output is not None else Path()
    return _distinct([(f, base / f"{f.stem}.{chosen.value}", chosen) for f in files])


_SUFFIXES = frozenset(f".{f.value}" for f in Format)


def _distinct(targets: list[tuple[Path, Path, Format]]) -> list[tuple[Path, Path, Format]]:
    """Refuse targets that would overwrite an input map, or that two maps would share."""
    seen: dict[Path, Path] = {}
    for file, target, _ in targets:
        if target.exists() and any(_same(target, f) for f, _, _ in targets):
            raise RenderError(f"{target} is an input map; refusing to draw over it")
        key = target.resolve()
        if key in seen:
            raise RenderError(f"{seen[key]} and {file} would both be drawn to {target}")
        seen[key] = file
    return targets


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def diagram_dot(
    graph: MapGraph,
    *,
    side: Side | None = None,
    focus: str | None = None,
    depth: int | None = None,
    titles_only: bool = False,
    statuses: Mapping[str, Status] | None = None,
    legend: bool = True,
) -> str:
    """The DOT text of one diagram of the map (or of a side, or of one node's subtree).

    Its element ids start with `argmap-<side>-<focus>-`, so two diagrams of different
    views can share a page; `legend=False` leaves the key to the page around it.
    Raises `RenderError` for an unknown focus id.
    """
    options = DiagramOptions(
        side=side, focus=focus, depth=depth, titles_only=titles_only, legend=legend
    )
    page = Page(tuple(select_nodes(graph, options)), heading=describe_view(graph, options))
    graph_id = _UNSAFE_ID.sub("_", f"argmap-{side or 'all'}" + (f"-{focus}" if focus else ""))
    return build_dot(graph, page, options, statuses, graph_id=graph_id)


def svg_text(svg: bytes) -> str:
    """Graphviz's SVG output from `<svg` on (no XML prolog, no DOCTYPE): inlinable in HTML."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def diagram_svg(
    graph: MapGraph,
    *,
    side: Side | None = None,
    focus: str | None = None,
    depth: int | None = None,
    titles_only: bool = False,
    statuses: Mapping[str, Status] | None = None,
    legend: bool = True,
) -> str:
    """One diagram of the map (or of a side, or of one node's subtree) as SVG text.

    The text starts at `<svg` (no XML prolog, no DOCTYPE), so it can be inlined in
    HTML; its element ids start with `argmap-<side>-<focus>-`, so two diagrams of
    different views can share a page. Raises `RenderError` for an unknown focus
    id and `GraphvizError` when Graphviz is missing or fails.
    """
    dot = diagram_dot(
        graph,
        side=side,
        focus=focus,
        depth=depth,
        titles_only=titles_only,
        statuses=statuses,
        legend=legend,
    )
    return svg_text(layout(dot, "svg"))
