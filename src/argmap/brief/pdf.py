"""PDF: the sheet's HTML, laid out for print by WeasyPrint.

WeasyPrint needs Pango and HarfBuzz from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0, libharfbuzz-subset0; see scripts/system-deps.sh). It is imported
here, not at the top of the package, because it takes about half a second to load.
"""

from __future__ import annotations

import logging
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
