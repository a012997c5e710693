"""Node labels: the HTML-like table inside each box, and an estimate of its size.

The estimate lets the atlas decide what fits on a page without running Graphviz;
it is calibrated against DejaVu Sans as Graphviz sets it (see docs/render.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis import Status
from argmap.graph import MapGraph, MapNode, source_label
from argmap.render.style import (
    BORDERS,
    SIDE_BAND,
    SIDE_BAND_INK,
    SIDE_MARK,
    SMALL,
    TITLE_LINES,
    WRAP_FULL,
    WRAP_TITLES,
)
from argmap.render.text import markup, text_width, wrap

# Points per column and per line, for FONT at FONT_SIZE and at SMALL (measured).
COLUMN = 5.4
BOLD_COLUMN = 6.0
SMALL_COLUMN = 5.0
LINE = 11.8
SMALL_LINE = 10.8
PADDING = 11.0  # node margin plus cell padding, each direction


@dataclass(frozen=True, slots=True)
class Label:
    html: str
    width: float  # estimated points
    height: float


@dataclass(slots=True)
class _Table:
    rows: list[str]
    width: float = 0.0
    height: float = 0.0

    def add(self, cell: str, width: float, height: float) -> None:
        self.rows.append(f"<TR>{cell}</TR>")
        self.width = max(self.width, width)
        self.height += height


def _lines(
    lines: list[str], *, bold: bool = False, italic: bool = False, strike: bool = False
) -> str:
    body = markup("\n".join(lines)).replace("\n", "<BR/>")
    for tag, on in (("S", strike), ("I", italic), ("B", bold)):
        if on:
            body = f"<{tag}>{body}</{tag}>"
    return body


def _cell(
    content: str, *, small: bool = False, colspan: int = 2, align: str = "LEFT", bg: str = ""
) -> str:
    if small:
        content = f'<FONT POINT-SIZE="{SMALL}">{content}</FONT>'
    fill = f' BGCOLOR="{bg}"' if bg else ""
    return f'<TD COLSPAN="{colspan}" ALIGN="{align}" BALIGN="LEFT"{fill}>{content}</TD>'


def _flags(node: MapNode) -> list[str]:
    flags = []
    if node.node.implicit:
        flags.append("implicit")
    if node.node.analytic:
        flags.append("analytic")
    if node.node.turn:
        flags.append("turn")
    return flags


def node_label(
    graph: MapGraph,
    node: MapNode,
    *,
    titles_only: bool,
    status: Status | None = None,
    continued: int | None = None,
    hidden: int = 0,
    ids: bool = False,
    room: float | None = None,
    relation: str = "",
) -> Label:
    """The label of one node: header (side marker, id, flags, status), headline, text,
    evidence as 'Author Year', and where its hidden children are drawn.

    `room`: points of text per line (an outline's box fills its column); by default
    lines wrap at a fixed number of columns. `relation`: how the node bears on the box
    above it, in a debater's words, printed in the header (an outline has no room for
    words on its lines)."""
    implicit = node.node.implicit
    strike = status is not None and BORDERS[status].strike
    table = _Table([])

    head = " · ".join([*_names(graph, node, ids), *_flags(node), *filter(None, [relation])])
    head_html = f"<B>{SIDE_MARK[node.side]}</B>  {markup(head)}"
    head_cols = len(SIDE_MARK[node.side]) + 2 + text_width(head)
    band, ink = SIDE_BAND[node.side], SIDE_BAND_INK[node.side]
    mark = ""
    if status is not None:
        word = f"{status.glyph} {status.value}"
        mark = _cell(
            f'<FONT COLOR="{ink}"><B>{markup(word)}</B></FONT>',
            small=True,
            colspan=1,
            align="RIGHT",
            bg=band,
        )
        head_cols += 3 + text_width(word)
    head_lines = 1
    if room is not None and head_cols * SMALL_COLUMN > room:  # a narrow box: wrap the header
        cols = int(room / SMALL_COLUMN) - (head_cols - text_width(head))
        parts = wrap(head, max(cols, 8))
        head_html = f"<B>{SIDE_MARK[node.side]}</B>  " + "<BR/>".join(map(markup, parts))
        head_cols += max(map(text_width, parts)) - text_width(head)
        head_lines = len(parts)
    header = _cell(
        f'<FONT COLOR="{ink}">{head_html}</FONT>', small=True, colspan=1 if mark else 2, bg=band
    )
    table.add(header + mark, head_cols * SMALL_COLUMN, head_lines * SMALL_LINE + 2)

    width = WRAP_TITLES if titles_only else WRAP_FULL
    title_width = width
    if room is not None:
        width, title_width = int(room / COLUMN), int(room / BOLD_COLUMN)
    title = node.node.title
    if title:
        lines = wrap(title, title_width, TITLE_LINES if titles_only else None)
        table.add(
            _cell(_lines(lines, bold=True, italic=implicit, strike=strike)),
            max(map(text_width, lines)) * BOLD_COLUMN,
            len(lines) * LINE + 2,
        )
    if not titles_only or not title:
        lines = wrap(node.text, width, TITLE_LINES if titles_only else None)
        table.add(
            _cell(_lines(lines, italic=implicit, strike=strike and not title)),
            max(map(text_width, lines)) * COLUMN,
            len(lines) * LINE + 2,
        )

    cited = list(
        dict.fromkeys(source_label(graph.map.sources[e.source]) for e in node.node.evidence)
    )
    if cited:
        lines = wrap("Evidence: " + " · ".join(cited), round(width * COLUMN / SMALL_COLUMN))
        table.add(
            _cell(_lines(lines), small=True),
            max(map(text_width, lines)) * SMALL_COLUMN,
            len(lines) * SMALL_LINE + 2,
        )

    if continued is not None:
        note = f"\u25b8 continued on p. {continued}"
    elif hidden:
        note = f"\u25b8 {hidden} more below (not drawn)"
    else:
        note = ""
    if note:
        table.add(
            _cell(f"<B>{markup(note)}</B>", small=True), len(note) * SMALL_COLUMN, SMALL_LINE + 2
        )

    html = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(table.rows)
        + "</TABLE>"
    )
    return Label(html, table.width + PADDING, table.height + PADDING)


def _names(graph: MapGraph, node: MapNode, ids: bool) -> list[str]:
    """The code debaters cite ("P1a", shared with the briefs); with `ids`, the id to edit by.

    One code system in print: a map id shows only when asked (`render --ids`), and it
    is always in the SVG's id and title attributes for tools.
    """
    code = graph.codes.get(node.id)
    if not code:
        return [node.id]
    return [code, node.id] if ids and code != node.id else [code]


def stub_label(
    graph: MapGraph,
    node: MapNode,
    page: int | None,
    ids: bool = False,
    *,
    note: str = "",
    room: float | None = None,
    most: int = 2,
) -> Label:
    """A small box for a node drawn elsewhere: marker, id, short title, and its page;
    `note` says how it links to the box it hangs from. With `room` (points per line,
    an outline's column) the title follows on the same line, in `most` lines at most."""
    where = f" (p. {page})" if page is not None else " (not in this view)"
    head = f"{note}\u2197 {' · '.join(_names(graph, node, ids))}{where}"
    mark = f"<B>{SIDE_MARK[node.side]}</B>  "
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    if room is not None:
        cols = max(12, int(room / SMALL_COLUMN))
        lead = " ".join(f"{SIDE_MARK[node.side]} {head}".split())
        # lines break as they would for page 99, so the box keeps its measured size
        # once the atlas's page numbers are known
        wide = lead if page is None else lead.replace(f"(p. {page})", "(p. 99)")
        lines = wrap(f"{wide} {node.label}", cols, most)
        if lines[0].startswith(wide):
            lines[0] = lead + lines[0][len(wide) :]
        if lines[0].startswith(lead):  # the marker and code in bold, the title after
            first = f"{mark}{markup(head)}{markup(lines[0][len(lead) :])}"
            body = "<BR/>".join([first, *map(markup, lines[1:])])
            html = f"{table}<TR>{_cell(body, small=True)}</TR></TABLE>"
            width = max(map(text_width, lines)) * SMALL_COLUMN + PADDING
            return Label(html, width, len(lines) * SMALL_LINE + PADDING)
    cols = WRAP_TITLES if room is None else max(8, int(room / SMALL_COLUMN))
    heads = [head] if room is None else wrap(head, cols - len(SIDE_MARK[node.side]) - 2)
    lines = wrap(node.label, cols, 2)
    html = (
        f"{table}<TR>{_cell(mark + '<BR/>'.join(map(markup, heads)), small=True)}</TR>"
        f"<TR>{_cell(_lines(lines), small=True)}</TR></TABLE>"
    )
    cols = max(len(SIDE_MARK[node.side]) + 2 + max(map(text_width, heads)), *map(text_width, lines))
    height = (len(heads) + len(lines)) * SMALL_LINE + PADDING
    return Label(html, cols * SMALL_COLUMN + PADDING, height)
