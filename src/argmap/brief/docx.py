"""Word briefs in Verbatim's structure: Pocket, Hat, Block, Tag, then cite and card.

Verbatim (the paperless debate template for Word; manual in ashtarcommunications/
verbatim, docs/) files evidence under four heading levels, which are Word's own
Heading 1-4 under other names, so Word's navigation pane shows the outline:

    Pocket (Heading 1)  a side: our case; their case and our answers
    Hat    (Heading 2)  one contention of either side
    Block  (Heading 3)  "P1: tag" (the contention as we read it) or "A2 O1: tag"
                        (answers to an argument of theirs)
    Tag    (Heading 4)  one answer, numbered: the line a debater reads first
    then the cite (the card's "Author Year" in Verbatim's Cite style, then the full
    citation on the same line) and the card text: the read-aloud words (`==...==`
    in the quote, argmap.quotes) underlined, bold and highlighted, the rest small.

Two layers, kept apart so that the view model can change shape without touching
python-docx: `outline(context)` walks the BriefContext into plain Pocket / Hat /
Block / Tag / Card values, and `write_docx(outline)` lays those out in Word.
Map text is untrusted: it only ever becomes run text (python-docx escapes XML),
stripped of the control characters XML cannot hold.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.quotes import runs
from argmap.render.choices import Paper

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from argmap.brief.context import BriefContext, CardRef, Exchange, Point

# Verbatim's style names (its Debate.dotm template): the heading levels are Word's
# built-in "heading 1-4" with these aliases; cites and read-aloud words are character
# styles. Word shows "Heading 4,Tag"; Verbatim's macros ask for "Tag" or "Cite".
POCKET, HAT, BLOCK, TAG = "Pocket", "Hat", "Block", "Tag"
HEADINGS = {POCKET: 1, HAT: 2, BLOCK: 3, TAG: 4}
CITE_STYLE, CITE_ALIAS = "Style 13 pt Bold", "Cite"
UNDERLINE_STYLE, UNDERLINE_ALIAS = "Style Underline", "Underline"
LABEL_STYLE = "argmap Label"  # our codes, attack words and marks inside a tag: not read aloud

BODY_PT = 11  # Verbatim's Normal/Card size
SMALL_PT = 8  # card words not read aloud: Verbatim's first "shrink" step
LABEL_PT = 9

# --- the outline: what the document holds, in Verbatim's terms ----------------------------


@dataclass(frozen=True, slots=True)
class Card:
    label: str  # "Author Year", in the Cite style
    citation: str  # the rest of the one-line cite
    quote: str | None  # with ==read-aloud== marks


@dataclass(frozen=True, slots=True)
class Tag:
    text: str  # the tag line (read aloud)
    number: int | None = None  # the answer's number in its block
    label: str = ""  # code, attack words, status: small, after the tag
    body: str | None = None  # the point's full text, when the sheet has it
    cards: tuple[Card, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    heading: str
    tags: tuple[Tag, ...]
    notes: tuple[str, ...] = ()  # lines before the first tag


@dataclass(frozen=True, slots=True)
class Hat:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Pocket:
    heading: str
    hats: tuple[Hat, ...]


@dataclass(frozen=True, slots=True)
class Outline:
    title: str
    lines: tuple[str, ...]  # the cover: motion, side, format, article
    key: tuple[str, ...]  # the legend
    pockets: tuple[Pocket, ...]


def outline(context: BriefContext) -> Outline:
    """The document for one side: our case (with frontlines), then their case."""
    return _Outliner(context).outline()


class _Outliner:
    """Walks the view model into the outline. What a mark or an attack is called from
    our side (`Point.mark`, `Point.words`) and each card's cite come from it as they are."""

    def __init__(self, context: BriefContext) -> None:
        self.context = context

    def outline(self) -> Outline:
        c, h = self.context, self.context.header
        lines = [f"Brief for the {h.side_label} (against the {h.other_label}); {h.format}"]
        if h.motion:
            lines.insert(0, f"Motion: {h.motion}")
        if h.article:
            lines.append(f"Article: {h.article}" + (f" {h.article_url}" if h.article_url else ""))
        key = [
            e.meaning if e.meaning.startswith(e.symbol) else f"{e.symbol}: {e.meaning}"
            for e in c.legend
            if e.symbol != "[Author Year]"  # the Word file has no evidence index to point to
        ]
        key.append("Tag, then cite, then card: underlined, highlighted words are read aloud.")
        frontlines = {f.claim.id: f.attacks for f in c.frontlines}
        ours = tuple(
            Hat(
                f"{p.code}: {p.tag}",
                (
                    self.case_block(p, frontlines.get(p.id, ())),
                    *self.answer_blocks(frontlines.get(p.id, ())),
                ),
            )
            for p in (*c.theses, *c.contentions)
        )
        theirs = tuple(
            Hat(
                f"{b.claim.code}: {b.claim.tag}",
                (
                    self.a2_block(b.claim, b.answers, self.their_reasons(b.claim)),
                    *(
                        block
                        for answer in b.answers
                        for block in self.answer_blocks(answer.replies)
                    ),
                ),
            )
            for b in c.blocks
        )
        pockets = [Pocket(f"{h.side_label}: our case", ours)]
        if theirs:
            pockets.append(Pocket(f"{h.other_label}: their case and our answers", theirs))
        return Outline(h.title, tuple(lines), tuple(key), tuple(pockets))

    def case_block(self, claim: Point, attacks: tuple[Exchange, ...] = ()) -> Block:
        """A contention of ours as we read it: the claim, then each reason, with cards."""
        notes = tuple(
            f"Also attacked by their contention {a.point.code} ({a.point.tag}): "
            f"see A2 {a.point.code} under their case."
            for a in attacks
            if a.elsewhere
        )
        tags = [self.tag(claim)]
        for group in claim.reasons:
            for point in group.points:
                together = " \u00b7 together with the others" if group.joint else ""
                tags.append(self.tag(point, extra=together))
        return Block(f"{claim.code}: {claim.tag}", tuple(tags), notes)

    def answer_blocks(self, attacks: tuple[Exchange, ...]) -> Iterator[Block]:
        """ "A2" blocks for attacks of theirs, then for their replies to our answers."""
        for attack in attacks:
            if attack.elsewhere:  # a contention of theirs: its block is under their case
                continue
            yield self.a2_block(attack.point, attack.replies)
            for answer in attack.replies:
                yield from self.answer_blocks(answer.replies)

    def a2_block(
        self, theirs: Point, answers: tuple[Exchange, ...], notes: tuple[str, ...] = ()
    ) -> Block:
        said = self.label(theirs)
        notes = (f"They say ({said})" + (f": {theirs.text}" if theirs.text else ""), *notes)
        if not answers:
            notes = (*notes, "No answer prepared: a vulnerability.")
        tags = tuple(
            self.tag(a.point, number=n, elsewhere=a.elsewhere) for n, a in enumerate(answers, 1)
        )
        return Block(f"A2 {theirs.code}: {theirs.tag}", tags, notes)

    def their_reasons(self, claim: Point) -> tuple[str, ...]:
        return tuple(
            f"Because ({p.code}): {p.tag}" for group in claim.reasons for p in group.points
        )

    def tag(
        self,
        point: Point,
        *,
        number: int | None = None,
        extra: str = "",
        elsewhere: bool = False,
    ) -> Tag:
        if elsewhere:
            extra += " \u00b7 our contention: see its own block under our case"
        return Tag(
            point.tag,
            number,
            self.label(point) + extra,
            point.text,
            tuple(Card(ref.label, _cite_line(ref), ref.quote) for ref in point.cards),
        )

    def label(self, point: Point) -> str:
        """Code, attack in a debater's words (formal term beside), target, status mark."""
        parts = [point.code]
        if point.words:
            formal = point.attack if point.attack and point.attack != point.words else None
            parts.append(f"{point.words} ({formal})" if formal else point.words)
        if point.target:
            parts.append(f"on {point.target}")
        if point.mark is not None:  # from our side: holds, danger, beaten, cut off
            parts.append(f"{point.mark.glyph} {point.mark.word}")
        return " \u00b7 ".join(parts)


def _cite_line(card: CardRef) -> str:
    """The cite after 'Author Year': the full citation, then where in it, in brackets."""
    return card.citation + (f" [{card.locator}]" if card.locator else "")


# --- Word --------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as XML can hold it: control characters other than tab and newline dropped."""
    return _NOT_XML.sub("", text)


def write_docx(doc_outline: Outline, paper: Paper = Paper.A4) -> bytes:
    """The outline as a .docx file on `paper`."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = clean(doc_outline.title)
    section = document.sections[0]
    section.page_width, section.page_height = (Pt(x) for x in paper.size)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(54))
    _styles(document)
    _cover(document, doc_outline)
    for pocket in doc_outline.pockets:
        _heading(document, 1, pocket.heading)
        for i, hat in enumerate(pocket.hats):
            heading = _heading(document, 2, hat.heading)
            if i == 0:  # the pocket's first hat shares its page
                heading.paragraph_format.page_break_before = False
            for block in hat.blocks:
                _block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(context: BriefContext, paper: Paper = Paper.A4) -> bytes:
    """The Word brief of a sheet's view model."""
    return write_docx(outline(context), paper)


def _cover(document: WordDocument, doc_outline: Outline) -> None:
    from docx.shared import Pt

    title = document.add_paragraph()
    run = title.add_run(clean(doc_outline.title))
    run.bold = True
    run.font.size = Pt(18)
    for line in doc_outline.lines:
        document.add_paragraph(clean(line))
    key = document.add_paragraph()
    key.add_run("Key").bold = True
    for line in doc_outline.key:
        document.add_paragraph(clean(line)).runs[0].font.size = Pt(LABEL_PT + 1)


def _block(document: WordDocument, block: Block) -> None:
    from docx.shared import Pt

    _heading(document, 3, block.heading)
    for line in block.notes:
        note = document.add_paragraph()
        note.add_run(clean(line)).italic = True
    for tag in block.tags:
        number = f"{tag.number}. " if tag.number is not None else ""
        heading = _heading(document, 4, number + tag.text)
        if tag.label:
            _run(heading, " [" + clean(tag.label) + "]", LABEL_STYLE)
        if tag.body and tag.body.split() != tag.text.split():
            for line in clean(tag.body).split("\n"):
                document.add_paragraph(line)
        for card in tag.cards:
            cite = document.add_paragraph()
            cite.paragraph_format.keep_with_next = True
            _run(cite, clean(card.label), CITE_STYLE)
            if card.citation:
                cite.add_run(" " + clean(card.citation)).font.size = Pt(LABEL_PT + 1)
            if card.quote:
                _card_text(document, card.quote)


# Styles by id, set on the XML element: python-docx's lookup by name scans every style
# each time (three quarters of the time a brief took)
_IDS = {
    CITE_STYLE: "Style13ptBold",
    UNDERLINE_STYLE: "StyleUnderline",
    LABEL_STYLE: "argmapLabel",
}


def _heading(document: WordDocument, level: int, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph._p.style = f"Heading{level}"
    paragraph.add_run(clean(text))
    return paragraph


def _run(paragraph: Paragraph, text: str, style: str) -> Run:
    run = paragraph.add_run(text)
    run._r.style = _IDS[style]
    return run


def _card_text(document: WordDocument, quote: str) -> None:
    """The card's words, a paragraph per line: marked words read aloud, the rest small."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    parts = runs(clean(quote))
    marked = any(part.read for part in parts)
    paragraph: Paragraph = document.add_paragraph()
    for part in parts:
        for i, line in enumerate(part.text.split("\n")):
            if i:
                paragraph = document.add_paragraph()
            if not line:
                continue
            if part.read:
                run = _run(paragraph, line, UNDERLINE_STYLE)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                run = paragraph.add_run(line)
                if marked:  # unmarked quotes are read whole, at full size
                    run.font.size = Pt(SMALL_PT)


def _styles(document: WordDocument) -> None:
    """Verbatim's look on Word's built-in styles, in black (it prints in grayscale)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(4)
    looks = {
        POCKET: (26, True, WD_UNDERLINE.NONE),
        HAT: (22, True, WD_UNDERLINE.DOUBLE),
        BLOCK: (16, True, WD_UNDERLINE.SINGLE),
        TAG: (13, False, WD_UNDERLINE.NONE),
    }
    for alias, level in HEADINGS.items():
        size, centred, underline = looks[alias]
        style = styles[f"Heading {level}"]
        style.font.name = "Calibri"
        _no_theme_font(style.element)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.underline = underline
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before = Pt(12 if level < 4 else 8)
        fmt.space_after = Pt(2)
        if centred:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if level == 1:
            _box(style.element)
        # a new page for each pocket and hat, as in Verbatim; blocks run on (shorter printout)
        fmt.page_break_before = level <= 2
        _alias(style.element, alias)
    cite = styles.add_style(CITE_STYLE, WD_STYLE_TYPE.CHARACTER)
    cite.style_id = _IDS[CITE_STYLE]
    cite.font.bold = True
    cite.font.size = Pt(13)
    _alias(cite.element, CITE_ALIAS)
    underline_style = styles.add_style(UNDERLINE_STYLE, WD_STYLE_TYPE.CHARACTER)
    underline_style.style_id = _IDS[UNDERLINE_STYLE]
    underline_style.font.underline = True
    underline_style.font.bold = True  # Verbatim's "bold underlined text" setting
    underline_style.font.size = Pt(BODY_PT)
    _alias(underline_style.element, UNDERLINE_ALIAS)
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
    label.style_id = _IDS[LABEL_STYLE]
    label.font.bold = False
    label.font.size = Pt(LABEL_PT)
    label.font.underline = False


def _no_theme_font(style: object) -> None:
    """Drop the theme font, which Word prefers to the named one on the same element."""
    from docx.oxml.ns import qn

    fonts = style.find(qn("w:rPr") + "/" + qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is not None:
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)


def _box(style: object) -> None:
    """A ruled box around a Pocket, as Verbatim draws it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "24"), ("space", "4"), ("color", "auto")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    ppr = style.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:jc", "w:outlineLvl")


def _alias(style: object, alias: str) -> None:
    """Add Verbatim's name for a style (`w:aliases`, right after `w:name`)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:aliases")
    element.set(qn("w:val"), alias)
    name = style.find(qn("w:name"))  # type: ignore[attr-defined]
    name.addnext(element)
