"""PDF: the sheet's HTML, laid out for print by WeasyPrint.

WeasyPrint needs Pango and HarfBuzz from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0, libharfbuzz-subset0; see scripts/system-deps.sh). Loading it takes
about half a second, so `open_printers` starts it in worker processes before the map
is even read: the import overlaps the work of building the sheet, and two sheets
print side by side on two cores. Drawings (the diagram) are not WeasyPrint's work:
the HTML leaves a box for each, and argmap.brief.figures prints Graphviz's PDF there,
drawn in this process while the worker lays out the text.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from argmap.brief.figures import Figure, Place, prepare, print_drawings
from argmap.perf import paused_gc

_PX = 0.75  # points per CSS pixel, WeasyPrint's unit for positions on a page


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it loads are missing."""


@dataclass(frozen=True, slots=True)
class Printout:
    """WeasyPrint's PDF of a page, and where each box asked for landed in it."""

    pdf: bytes
    places: dict[str, Place]


def render_pdf(html: str, base: Path | None = None) -> bytes:
    """The PDF of an HTML page; `base` resolves relative links (none in argmap's own sheets)."""
    return print_html(html, base=base).pdf


def print_html(html: str, boxes: Sequence[str] = (), base: Path | None = None) -> Printout:
    """The PDF of an HTML page, with the place of each element whose id is in `boxes`."""
    weasyprint = _weasyprint()
    # WeasyPrint builds a tree of boxes and frees it whole: the collector would walk
    # millions of live objects for nothing (3 % of a 22-page sheet)
    with paused_gc(lasting=False):
        document = weasyprint.HTML(string=html, base_url=str(base) if base else None).render()
        places: dict[str, Place] = {}
        for number, page in enumerate(document.pages):
            for box in boxes:
                if box in page.anchors and box not in places:
                    x, y = page.anchors[box][:2]  # newer WeasyPrint gives (x1, y1, x2, y2)
                    places[box] = Place(number, x * _PX, y * _PX)
        return Printout(document.write_pdf(), places)


def _weasyprint() -> Any:
    """The WeasyPrint module, loaded on first use (see `_quick_library_search`)."""
    try:
        with _quick_library_search():
            import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError):
        try:  # a system whose libraries go by other names: let ctypes search for them
            import weasyprint
        except (ImportError, OSError) as exc:  # OSError: a shared library failed to load
            raise PdfUnavailable(
                f"PDF output needs WeasyPrint and Pango ({exc}); install the Debian packages "
                "listed in scripts/system-deps.sh, or write HTML and print it from a browser"
            ) from exc
    # WeasyPrint logs every CSS property it ignores; the sheet's CSS also serves browsers.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    _default_deflate()
    return weasyprint


_DEFLATE_LEVEL = 6  # zlib's own default


class _Deflate:
    """The zlib module as pydyf sees it, but deflating at most at `_DEFLATE_LEVEL`."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(min(level, _DEFLATE_LEVEL), *args, **kwargs)


def _default_deflate() -> None:
    """Let pydyf, WeasyPrint's PDF writer, deflate streams at zlib's default level.

    pydyf asks for level 9, which takes 0.06 s more than level 6 to write a 22-page
    sheet, for a file 2 % smaller; the pages are the same. Its module reads `zlib`
    as a global, so a stand-in there changes only what pydyf writes; a pydyf that
    no longer does so is left as it is.
    """
    import pydyf  # type: ignore[import-untyped]

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Deflate()


@contextlib.contextmanager
def _quick_library_search() -> Iterator[None]:
    """On Linux, skip ctypes' library search while WeasyPrint loads (0.2 s of its 0.6 s).

    WeasyPrint tries several names for each library, and cffi asks
    `ctypes.util.find_library` about each name, which on Linux runs ldconfig, gcc and
    ld in subprocesses. Each list of names also holds the library's soname
    (libpango-1.0.so.0), which the dynamic loader finds by itself.
    """
    if sys.platform != "linux" or "weasyprint" in sys.modules:
        yield
        return
    import ctypes.util
    import io

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:  # WeasyPrint prints advice when a library fails to load: not this time, a retry follows
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        ctypes.util.find_library = search


class Printer:
    """Turns one sheet's HTML into PDF: `submit` it, then collect the bytes with `result`.

    `figures` are drawings to print into the empty boxes the HTML leaves for them.
    """

    def __init__(self) -> None:
        self._html: str | None = None
        self._figures: tuple[Figure, ...] = ()

    def submit(self, html: str, figures: Sequence[Figure] = ()) -> None:
        self._html, self._figures = html, tuple(figures)

    def result(self) -> bytes:
        assert self._html is not None, "submit the HTML first"
        printout = print_html(self._html, [f.box for f in self._figures])
        return print_drawings(printout.pdf, printout.places, prepare(self._figures))

    def close(self) -> None:
        """Nothing to release in this process."""


class _ForkedPrinter(Printer):
    """A worker process that has loaded WeasyPrint by the time the HTML arrives."""

    def __init__(self) -> None:
        super().__init__()
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()

    def submit(self, html: str, figures: Sequence[Figure] = ()) -> None:
        self._figures = tuple(figures)
        self._conn.send((html, [f.box for f in self._figures]))

    def result(self) -> bytes:
        drawings = prepare(self._figures)  # Graphviz and pypdf work while the worker prints
        ok, value = self._conn.recv()
        if not ok:
            raise value
        assert isinstance(value, Printout)
        return print_drawings(value.pdf, value.places, drawings)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the worker may be gone already
            self._conn.send(None)
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()


def open_printers(count: int) -> list[Printer]:
    """`count` printers: worker processes on Linux with spare cores, else in this process.

    Forking is only safe before WeasyPrint has loaded its libraries here. Close each
    printer when done.
    """
    forkable = (
        sys.platform == "linux" and (os.cpu_count() or 1) > 1 and "weasyprint" not in sys.modules
    )
    return [_ForkedPrinter() if forkable else Printer() for _ in range(count)]


def _serve(conn: Connection) -> None:
    """The worker: load WeasyPrint at once, then print each HTML page that arrives."""
    # Ctrl-C reaches the whole process group: the parent reports it; the worker just ends.
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    with contextlib.suppress(PdfUnavailable):  # print_html reports it with the HTML
        _weasyprint()  # load it now, while the sheet is being built
    while (job := conn.recv()) is not None:
        html, boxes = job
        try:
            conn.send((True, print_html(html, boxes)))
        except Exception as exc:  # every failure goes back to the parent, which reports it
            try:
                conn.send((False, exc))
            except Exception:  # an exception that cannot be pickled
                conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()
