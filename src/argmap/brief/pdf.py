"""PDF: the sheet's HTML, laid out for print by WeasyPrint.

WeasyPrint needs Pango and HarfBuzz from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0, libharfbuzz-subset0; see scripts/system-deps.sh). Loading it takes
about half a second, so `open_printers` starts it in worker processes before the map
is even read: the import overlaps the work of building the sheet, and two sheets
print side by side on two cores.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it loads are missing."""


def render_pdf(html: str, base: Path | None = None) -> bytes:
    """The PDF of an HTML page; `base` resolves relative links (none in argmap's own sheets)."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: a shared library failed to load
        raise PdfUnavailable(
            f"PDF output needs WeasyPrint and Pango ({exc}); install the Debian packages "
            "listed in scripts/system-deps.sh, or write HTML and print it from a browser"
        ) from exc
    # WeasyPrint logs every CSS property it ignores; the sheet's CSS also serves browsers.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=str(base) if base else None)
    return document.write_pdf()  # type: ignore[no-any-return]


class Printer:
    """Turns one sheet's HTML into PDF: `submit` it, then collect the bytes with `result`."""

    def __init__(self) -> None:
        self._html: str | None = None

    def submit(self, html: str) -> None:
        self._html = html

    def result(self) -> bytes:
        assert self._html is not None, "submit the HTML first"
        return render_pdf(self._html)

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

    def submit(self, html: str) -> None:
        self._conn.send(html)

    def result(self) -> bytes:
        ok, value = self._conn.recv()
        if not ok:
            raise value
        assert isinstance(value, bytes)
        return value

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
    with contextlib.suppress(ImportError, OSError):  # render_pdf reports it with the HTML
        import weasyprint  # noqa: F401  (load it now, while the sheet is being built)
    while (html := conn.recv()) is not None:
        try:
            conn.send((True, render_pdf(html)))
        except Exception as exc:  # every failure goes back to the parent, which reports it
            try:
                conn.send((False, exc))
            except Exception:  # an exception that cannot be pickled
                conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()
