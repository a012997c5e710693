"""The legend drawn on a diagram: every mark the diagram uses, with what it means."""

from __future__ import annotations

from argmap.analysis import Status
from argmap.graph import MapGraph, Relation
from argmap.model import Side
from argmap.render.style import (
    ATTACK_COLOUR,
    BORDER_WORDS,
    INK,
    LINK_COLOUR,
    MUTED,
    OUTWEIGH_COLOUR,
    SIDE_BAND,
    SIDE_BAND_INK,
    SIDE_MARK,
    SMALL,
    SUPPORT_COLOUR,
)
from argmap.render.text import markup, wrap
from argmap.words import legend

_STATUS_MEANING = {
    Status.STANDS: "holds: every attack on it is answered",
    Status.FALLS: "defeated by an attack that holds",
    Status.CONTESTED: "attack and defence undecided",
    Status.UNSUPPORTED: "nothing under it gives it support",
    Status.CUT: "granted, but an undercut that holds<BR/>cuts the line to what it backs",
}


_Item = tuple[str, str, str]  # sample, meaning, attributes of the sample cell
_BARE = ' BORDER="0"'


def _ink(colour: str, text: str) -> str:
    return f'<FONT COLOR="{colour}">{text}</FONT>'


def _small(text: str) -> str:
    return f'<FONT POINT-SIZE="{SMALL}">{text}</FONT>'


NARROW = 34  # columns of a meaning in an outline's key, which fits one column of the page


def _narrow(meaning: str) -> str:
    """A meaning's lines wrapped at `NARROW` columns (lines holding markup stay whole)."""
    lines = meaning.split("<BR/>")
    return "<BR/>".join(line if "<" in line else "<BR/>".join(wrap(line, NARROW)) for line in lines)


def legend_label(
    graph: MapGraph,
    *,
    statuses: set[Status],
    links: set[Relation],
    pages: bool,
    stubs: bool,
    groups: bool,
    columns: int = 2,
    outline: bool = False,
) -> str:
    """The legend as an HTML-like table; optional entries follow what the page shows:
    the `statuses` drawn, the kinds of cross-link drawn (`links`), page references,
    stubs and co-premise groups. `outline`: the marks of an outline atlas
    (`render/outline.py`), where a box hangs from the one above it."""
    items: list[_Item] = [
        (
            f'<FONT COLOR="{SIDE_BAND_INK[side]}"><B>{SIDE_MARK[side]}</B></FONT>',
            markup(graph.side_label(side)) + " (header band)",
            f' BGCOLOR="{SIDE_BAND[side]}" COLOR="{SIDE_BAND[side]}"',
        )
        for side in Side
    ]
    says = "the box's header" if outline else "the line"
    items += [
        (
            _ink(SUPPORT_COLOUR, "\u2501\u2501\u2501\u25b6"),
            "supports (solid line, up into the box<BR/>it hangs from)"
            if outline
            else "supports (solid line)",
            _BARE,
        ),
        (
            _ink(ATTACK_COLOUR, "\u2504\u2504\u2504\u2524"),
            f"attacks (dashed, ending in a bar);<BR/>{says} says how:<BR/>"
            + "<BR/>".join(
                f"<I>{markup(plain)}</I>{'<BR/>  ' if outline else ' '}({markup(formal)})"
                for plain, formal in legend()
            )
            + "<BR/>an undercut ends on "
            + ("the line it attacks" if outline else "the dot on the line it attacks"),
            _BARE,
        ),
    ]
    if outline and links - {Relation.OUTWEIGH}:
        items.append(
            (
                _ink(LINK_COLOUR, "\u2501\u2501\u2501\u25b6"),
                "cross-link (blue: supports; else as above),<BR/>"
                "to or from a box naming a node elsewhere",
                _BARE,
            )
        )
    elif links - {Relation.OUTWEIGH}:
        items.append(
            (
                _ink(LINK_COLOUR, "\u2550\u2550\u2550\u25b7"),
                "cross-link (double line, or one thick line up<BR/>"
                "into what it backs): supports or attacks a node elsewhere",
                _BARE,
            )
        )
    if Relation.OUTWEIGH in links:
        items.append(
            (
                _ink(OUTWEIGH_COLOUR, "\u2508\u2508\u2508\u25c7"),
                "outweighs (dotted, open diamond):<BR/>matters more than the node it points to",
                _BARE,
            )
        )
    if groups:
        how = "a line of their own, met at dots" if outline else "boxed together, joined at a dot"
        items.append(
            (
                "\u2500\u2500\u25cf\u2500\u2500",
                f"co-premises ({how}):<BR/>one reason, they support only jointly",
                _BARE,
            )
        )
    items += [
        (
            "<I>implicit</I>",
            "unstated premise, reconstructed<BR/>(dashed outline, italic)",
            ' STYLE="dashed"',
        ),
        (
            _small("P1 \u00b7 O1.3"),
            "the code to say aloud (as in the briefs);<BR/>"
            "<I>analytic</I>: reasoning, no card needed",
            _BARE,
        ),
        (_small("Evidence: Author Year"), "sources the node cites", _BARE),
    ]
    if pages and not outline:  # an outline has no cut-off subtrees
        items.append(
            (_small("<B>\u25b8 continued on p. 4</B>"), "its subtree is drawn on page 4", _BARE)
        )
    if stubs:
        where = "(p. 2)" if pages else "(not in this view)"
        meaning = "a node drawn in full elsewhere"
        if outline:
            meaning += ";<BR/>at a column's top: where it goes on"
        items.append((_small(f"\u2197 P2 {where}"), meaning, f' COLOR="{MUTED}"'))
    if statuses:
        for status in [s for s in Status if s in statuses]:
            sample = f"<B>{markup(f'{status.glyph} {status.value}')}</B>"
            attrs = f' COLOR="{INK}"'
            if status in (Status.STANDS, Status.CUT):
                attrs += ' BORDER="3"'
            elif status is Status.FALLS:
                sample = f"<S>{sample}</S>"
            elif status is Status.CONTESTED:
                sample = (
                    '<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="1"><TR><TD>'
                    f"{sample}</TD></TR></TABLE>"
                )
            elif status is Status.UNSUPPORTED:
                attrs += ' STYLE="dotted"'
            items.append((sample, f"{_STATUS_MEANING[status]}<BR/>({BORDER_WORDS[status]})", attrs))

    rows = []
    per_column = -(-len(items) // columns)
    for r in range(per_column):
        cells = []
        for c in range(columns):
            index = c * per_column + r
            if index >= len(items):
                cells.append('<TD BORDER="0" COLSPAN="2"></TD>')
                continue
            sample, meaning, attrs = items[index]
            if outline:  # a key in one narrow column: the meanings short, in small type
                meaning = _small(_narrow(meaning))
            cells.append(
                f'<TD ALIGN="CENTER"{attrs}>{sample}</TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT" BORDER="0">{meaning}</TD>'
            )
        rows.append("<TR>" + "".join(cells) + "</TR>")
    head = f'<TR><TD COLSPAN="{2 * columns}" ALIGN="LEFT" BORDER="0"><B>Key</B></TD></TR>'
    return (
        '<TABLE BORDER="1" COLOR="#999999" CELLBORDER="1" CELLSPACING="3" CELLPADDING="2">'
        + head
        + "".join(rows)
        + "</TABLE>"
    )
