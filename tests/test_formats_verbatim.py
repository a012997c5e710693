"""Verbatim import: Word files built here with python-docx in Verbatim's own styles.

No real Verbatim file is on this machine, so these documents follow its manual
(ashtarcommunications/verbatim, docs/: "File Organization", "Formatting Functions",
"Notes On Cite Format") and its template's style names: Word's "heading 1-4" with the
aliases Pocket, Hat, Block and Tag; "Style 13 pt Bold" (alias Cite) on the author's
name and the date; "Style Underline" (alias Underline) and highlighting in the card;
and the messy files the manual warns about: blank headings, cites with no date or
no Cite style, cards with no tag, condensed paragraphs (pilcrows).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats.base import ImportFailed
from argmap.formats.verbatim import import_map
from argmap.model import ArgMap, Node, Side
from argmap.validate import load_map, load_map_text
from argmap.write import dump_map
from conftest import MAPS
from test_brief_docx import MARKED

# the manual's own example of a cite that works well with Verbatim
HARDY = [
    ("Aaron ", None),
    ("Hardy", "Cite"),
    (", creator of Verbatim, 1-1-", None),
    ("3000", "Cite"),
    (', "Verbatim Online Manual," https://paperlessdebate.com', None),
]


class Verbatim:
    """A document with Verbatim's styles, written paragraph by paragraph."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        styles = self.doc.styles
        for level, alias in enumerate(("Pocket", "Hat", "Block", "Tag"), 1):
            self._alias(styles[f"Heading {level}"].element, alias)
        cite = styles.add_style("Style 13 pt Bold", WD_STYLE_TYPE.CHARACTER)
        cite.font.bold = True
        self._alias(cite.element, "Cite")
        underline = styles.add_style("Style Underline", WD_STYLE_TYPE.CHARACTER)
        underline.font.underline = True
        self._alias(underline.element, "Underline")

    @staticmethod
    def _alias(element: object, alias: str) -> None:
        node = OxmlElement("w:aliases")
        node.set(qn("w:val"), alias)
        element.find(qn("w:name")).addnext(node)  # type: ignore[attr-defined]

    def heading(self, level: int, text: str) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def cite(self, parts: list[tuple[str, str | None]]) -> None:
        paragraph = self.doc.add_paragraph()
        for text, style in parts:
            paragraph.add_run(text, style="Style 13 pt Bold" if style == "Cite" else None)

    def card(self, parts: list[tuple[str, str]]) -> None:
        """`parts`: (text, how) with how '' plain, 'u' underlined, 'h' underlined+highlighted."""
        paragraph = self.doc.add_paragraph()
        for text, how in parts:
            run = paragraph.add_run(text, style="Style Underline" if how else None)
            if how == "h":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def text(self, text: str) -> None:
        self.doc.add_paragraph(text)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def read(document: Verbatim, name: str = "blocks.docx") -> tuple[ArgMap, list[str]]:
    argmap, notes = import_map(document.bytes(), name)
    # the map is valid: it goes through argmap's own loader
    checked = load_map_text(dump_map(argmap), "imported.yaml")
    assert checked.ok, [str(d) for d in checked.diagnostics]
    return argmap, [n.render(name) for n in notes]


def nodes(argmap: ArgMap) -> list[Node]:
    out: list[Node] = []
    stack = list(reversed(argmap.claims))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed([*node.premises, *node.rebuttals]))
    return out


def test_the_manuals_cite_and_a_highlighted_card() -> None:
    v = Verbatim()
    v.heading(1, "Aff")
    v.heading(2, "Advantage 1")
    v.heading(3, "Paperless debate saves time")
    v.heading(4, "1. Files load faster than tubs")
    v.cite(HARDY)
    v.card([("Debaters ", ""), ("find cards", "h"), (" in ", "u"), ("seconds", "h"), (".", "")])
    argmap, notes = read(v)
    assert notes == []
    (claim,) = argmap.claims
    assert claim.side is Side.PRO and claim.text == "Paperless debate saves time"
    assert claim.tags == ["Aff", "Advantage 1"]
    (premise,) = claim.premises
    assert premise.text == "Files load faster than tubs"  # the answer number is dropped
    (card,) = premise.evidence
    assert card.quote == "Debaters ==find cards== in ==seconds==."
    source = argmap.sources[card.source]
    assert source.author == "Aaron Hardy"
    assert source.qualifications == "creator of Verbatim"
    assert source.date == "1-1-3000"
    assert source.title == "Verbatim Online Manual"
    assert source.url == "https://paperlessdebate.com"
    assert source.publication is None  # nothing there to read: nothing invented


def test_underlined_words_when_nothing_is_highlighted() -> None:
    v = Verbatim()
    v.heading(3, "Block")
    v.heading(4, "Tag line")
    v.cite(HARDY)
    v.card([("Only ", ""), ("underlined words", "u"), (" here.", "")])
    argmap, _ = read(v)
    assert argmap.claims[0].premises[0].evidence[0].quote == "Only ==underlined words== here."


def test_answers_to_blocks_are_the_other_side() -> None:
    v = Verbatim()
    v.heading(1, "Negative")
    v.heading(3, "A2: Politics DA")
    v.text("Their link is about a different bill.")
    v.heading(4, "Non-unique: the bill is already dead")
    v.cite(HARDY)
    v.card([("the bill ", ""), ("died in committee", "h")])
    v.heading(4, "No link: the plan is not a bill")
    argmap, _ = read(v)
    (theirs,) = argmap.claims
    assert theirs.side is Side.PRO  # we are the negative, so their argument is pro
    assert theirs.text == "Politics DA"
    assert theirs.notes == "Their link is about a different bill."
    assert [r.text for r in theirs.rebuttals] == [
        "Non-unique: the bill is already dead",
        "No link: the plan is not a bill",
    ]


def test_messy_files_import_with_located_warnings() -> None:
    v = Verbatim()
    v.text("Camp files, week 2")  # a title page
    v.heading(1, "")  # blank headings, which the manual says to remove
    v.heading(3, "Case block")
    v.cite([("Smith", "Cite"), (', "An undated pamphlet," Campus Press', None)])  # no tag
    v.card([("cards ", ""), ("without tags", "h"), (" \u00b6 still count", "")])
    v.heading(4, "   ")
    v.heading(4, "A tag with a cite that has no date and no title")
    v.cite([("Jones", "Cite"), (", professor of law", None)])
    v.card([("something ", ""), ("read aloud", "h")])
    argmap, notes = read(v, "camp.docx")
    assert any(n.startswith("camp.docx:paragraph 1: warning[before-headings]") for n in notes)
    assert any(n.startswith("camp.docx:paragraph 2: warning[blank-heading]") for n in notes)
    assert any(n.startswith("camp.docx:paragraph 6: warning[blank-heading]") for n in notes)
    assert any(n.startswith("camp.docx:paragraph 4: warning[card-no-tag]") for n in notes)
    assert any("warning[cite-no-date]" in n for n in notes)
    assert any("warning[cite-no-title]" in n for n in notes)
    (claim,) = argmap.claims
    assert claim.text == "Case block"
    (own,) = claim.evidence  # the card with no tag is the block's own
    assert own.quote == "cards ==without tags==\nstill count"  # a pilcrow is a paragraph
    smith = argmap.sources[own.source]
    assert (smith.author, smith.title, smith.publication) == (
        "Smith",
        "An undated pamphlet",
        "Campus Press",
    )
    assert smith.date is None
    jones = argmap.sources[claim.premises[0].evidence[0].source]
    assert jones.author == "Jones" and jones.qualifications == "professor of law"
    assert jones.title == "Jones, professor of law"  # kept whole, as warned


def test_headings_found_by_style_alias_and_outline_level() -> None:
    v = Verbatim()
    block = v.doc.styles.add_style("Block", WD_STYLE_TYPE.PARAGRAPH)  # a style named by alias
    assert block is not None
    v.doc.add_paragraph("Named Block style", style="Block")
    tag = v.doc.add_paragraph("Outline level 4, no heading style")
    ppr = tag._p.get_or_add_pPr()
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "3")
    ppr.append(level)
    argmap, _ = read(v)
    assert argmap.claims[0].text == "Named Block style"
    assert argmap.claims[0].premises[0].text == "Outline level 4, no heading style"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text\n", "not a Word file (.docx): not a zip archive"),
        (b"", "not a Word file (.docx): not a zip archive"),
        ("zip", "not a Word document (no word/document.xml)"),
        ("broken", "not a readable Word document"),
        ("empty", "no Verbatim headings found"),
    ],
)
def test_bad_input_is_one_located_error(
    runner: CliRunner, tmp_path: Path, content: bytes | str, message: str
) -> None:
    path = tmp_path / "in.docx"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "not Word")
    elif content == "broken":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<not xml")
    elif content == "empty":
        path.write_bytes(Verbatim().bytes())
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    result = runner.invoke(app, ["import", str(path), "--from", "verbatim"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"{path}:") and "error[unreadable]" in lines[0]
    assert message in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    with pytest.raises(ImportFailed):
        import_map(path.read_bytes(), str(path))


def test_round_trip_keeps_tags_cites_and_marks(runner: CliRunner, tmp_path: Path) -> None:
    """brief -f docx, then import --from verbatim: every tag, cite and read-aloud mark."""
    source_map = tmp_path / "week.yaml"
    source_map.write_text(MARKED, encoding="utf-8")
    word = tmp_path / "week-pro.docx"
    result = runner.invoke(app, ["brief", str(source_map), "-s", "pro", "-o", str(word)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", str(word), "--from", "verbatim", "-o", str(back)])
    assert result.exit_code == 0, result.output
    original = load_map(source_map).graph
    imported = load_map(back).graph
    assert original is not None and imported is not None
    assert imported.map.title == original.map.title
    assert {n.label for n in original} <= {n.label for n in imported}
    quotes = {(c.quote, c.locator) for n in original for c in n.node.evidence}
    assert quotes == {(c.quote, c.locator) for n in imported for c in n.node.evidence}
    for source in imported.map.sources.values():
        (match,) = original.map.sources.values()
        assert source.model_dump(exclude_none=True) == match.model_dump(exclude_none=True)
    # the frontline comes back under our contention, with our answer under it
    (p1,) = [n for n in imported if n.label == "Staff are as productive in four days"]
    (attack,) = imported.children(p1.id)
    assert attack.label == "The pilot firms chose themselves"
    assert [c.label for c in imported.children(attack.id)] == [
        "They did not know their results in advance"
    ]


@pytest.mark.parametrize("map_path", MAPS, ids=lambda p: p.stem)
def test_round_trip_of_the_shipped_maps(map_path: Path, tmp_path: Path) -> None:
    from argmap.brief import SheetFormat, SheetOptions, build_context, make_sheet

    graph = load_map(map_path).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions())
    argmap, notes = import_map(sheet.content, "brief.docx")
    context = build_context(graph, Side.PRO)
    assert {n.code for n in notes} <= {"before-headings", "cite-no-date"}
    undated = {e.label for e in context.sources if not e.source.date}
    assert len({n.where for n in notes if n.code == "cite-no-date"}) <= len(undated)
    assert bool(undated) == any(n.code == "cite-no-date" for n in notes)
    labels = {n.title or n.text for n in nodes(argmap)}
    for block in context.blocks:
        assert block.claim.tag in labels
        assert {a.point.tag for a in block.answers} <= labels
    from argmap.brief.docx import outline

    printed = {
        card.label
        for pocket in outline(context).pockets
        for hat in pocket.hats
        for block in hat.blocks
        for tag in block.tags
        for card in tag.cards
    }
    titles = {s.title for s in argmap.sources.values()}
    assert titles == {e.source.title.rstrip(".") for e in context.sources if e.label in printed}


@pytest.mark.parametrize("side", list(Side))
def test_round_trip_rebuilds_the_exchanges(side: Side) -> None:
    """argmap's codes in its own Word briefs put every A2 block back under what it answers."""
    from argmap.brief import SheetFormat, SheetOptions, build_context, make_sheet
    from argmap.brief.context import Exchange

    path = next(p for p in MAPS if p.stem == "school-uniforms")
    graph = load_map(path).graph
    assert graph is not None
    sheet = make_sheet(graph, side, SheetFormat.DOCX, SheetOptions())
    argmap, _ = import_map(sheet.content, "brief.docx")
    children: dict[str, set[str]] = {}
    for node in nodes(argmap):
        kids = children.setdefault(node.title or node.text, set())
        kids.update(k.title or k.text for k in (*node.premises, *node.rebuttals))
    context = build_context(graph, side)
    pairs = 0

    def walk(parent: str, exchanges: tuple[Exchange, ...]) -> None:
        nonlocal pairs
        for x in exchanges:
            if not x.elsewhere:
                assert x.point.tag in children[parent], (parent, x.point.tag)
                pairs += 1
                walk(x.point.tag, x.replies)

    for line in context.frontlines:
        walk(line.claim.tag, line.attacks)
    for block in context.blocks:
        walk(block.claim.tag, block.answers)
    assert pairs >= 5


@pytest.mark.parametrize(
    ("heading", "answers", "text"),
    [
        ("A2 O1.3: Their plan costs jobs", True, "Their plan costs jobs"),
        ("AT: Politics DA", True, "Politics DA"),
        ("AT Politics DA", True, "Politics DA"),
        ("A/T the K", True, "the K"),
        ("Answers to Topicality", True, "Topicality"),
        ("At least five studies agree", False, "At least five studies agree"),
        ("Attendance rises", False, "Attendance rises"),
    ],
)
def test_answers_to_headings(heading: str, answers: bool, text: str) -> None:
    v = Verbatim()
    v.heading(1, "Aff")
    v.heading(3, heading)
    v.heading(4, "A tag")
    argmap, _ = read(v)
    (claim,) = argmap.claims
    assert claim.text == text
    assert (claim.side is Side.CON) == answers
    assert len(claim.rebuttals if answers else claim.premises) == 1


def test_emphasis_counts_as_underlined() -> None:
    """Verbatim's Emphasis (bold, underlined, boxed) is read aloud like underlining."""
    v = Verbatim()
    emphasis = v.doc.styles["Emphasis"]  # Word's built-in, as Verbatim's template redefines it
    emphasis.font.italic = False
    emphasis.font.bold = True
    emphasis.font.underline = True
    v.heading(3, "Block")
    v.heading(4, "Tag")
    v.cite(HARDY)
    paragraph = v.doc.add_paragraph("Plain words, ")
    paragraph.add_run("underlined", style="Style Underline")
    paragraph.add_run(" and ")
    paragraph.add_run("emphasised", style="Emphasis")
    paragraph.add_run(".")
    argmap, _ = read(v)
    quote = argmap.claims[0].premises[0].evidence[0].quote
    assert quote == "Plain words, ==underlined== and ==emphasised==."


def _small_brief() -> bytes:
    from argmap.brief import SheetFormat, SheetOptions, make_sheet

    graph = load_map_text(MARKED, "week.yaml").graph
    assert graph is not None
    return make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions()).content


_BRIEF = _small_brief()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_BRIEF) - 1), st.integers(0, 255)), max_size=30))
def test_damaged_files_fail_cleanly(flips: list[tuple[int, int]]) -> None:
    """A damaged Word file imports, or fails with ImportFailed: never another exception."""
    data = bytearray(_BRIEF)
    for at, value in flips:
        data[at] = value
    try:
        import_map(bytes(data), "damaged.docx")
    except ImportFailed as exc:
        assert exc.note.render("damaged.docx").startswith("damaged.docx:")


def test_xml_word_does_not_allow_is_read_or_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(_BRIEF)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace(
        "<w:r>", '<w:r><w:rPr><w:u w:val="bogus"/></w:rPr>', 3
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    argmap, _ = import_map(out.getvalue(), "odd.docx")
    assert argmap.claims


_WORDS = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "S"),
        exclude_characters="=\u00b6[]",
    ),
    min_size=1,
    max_size=12,
)
_LINE = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=25, deadline=None)
@given(
    tag=_LINE.map(lambda t: "t" + t),
    segments=st.lists(st.tuples(_LINE, st.booleans()), min_size=1, max_size=5),
)
def test_round_trip_of_any_tag_and_marks(tag: str, segments: list[tuple[str, bool]]) -> None:
    from argmap.brief import SheetFormat, SheetOptions, make_sheet

    quote = " ".join(f"=={text}==" if read else text for text, read in segments)
    graph = load_map_text(
        dump_map(
            ArgMap.model_validate(
                {
                    "argmap": 1,
                    "title": "Round trip",
                    "sources": {"s": {"author": "Example Author", "title": "A title"}},
                    "claims": [
                        {
                            "side": "pro",
                            "text": "The claim",
                            "rebuttals": [
                                {
                                    "title": tag,
                                    "text": "Their attack",
                                    "rebuttals": [
                                        {
                                            "text": tag,
                                            "evidence": [{"source": "s", "quote": quote}],
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                }
            )
        ),
        "rt.yaml",
    ).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions())
    argmap, _ = import_map(sheet.content, "rt.docx")
    cards = [(n.text, c.quote) for n in nodes(argmap) for c in n.evidence]
    assert cards == [(" ".join(tag.split()), quote)]


def test_a_cite_typed_by_hand_and_a_line_that_only_looks_like_one() -> None:
    v = Verbatim()
    v.heading(3, "Block")
    v.heading(4, "A tag whose cite has no Cite style")
    cite = v.doc.add_paragraph()
    cite.add_run("Hardy 3000").bold = True  # bold by hand: Verbatim's "fake" cite
    cite.add_run(
        ' (Aaron, creator of Verbatim, "Verbatim Online Manual," https://paperlessdebate.com'
    )
    v.card([("cards ", ""), ("read", "h")])
    v.heading(4, "A tag with its text")
    v.text('In 2023 the "Manual" was cited more than ever.')  # not bold: the tag's text
    v.cite(HARDY)
    v.card([("more ", ""), ("words", "h")])
    argmap, notes = read(v)
    assert notes == []
    first, second = argmap.claims[0].premises
    (card,) = first.evidence
    assert card.quote == "cards ==read=="
    assert argmap.sources[card.source].title == "Verbatim Online Manual"
    assert second.title == "A tag with its text"
    assert second.text == 'In 2023 the "Manual" was cited more than ever.'
    assert second.evidence[0].quote == "more ==words=="
