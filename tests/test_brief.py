"""Briefing sheets: the view model, the HTML and Markdown they print, escaping, the command."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.analysis import Status, Verdict
from argmap.analysis.questions import OpenQuestion, QuestionKind
from argmap.brief import SheetFormat, SheetOptions, build_context, make_sheet, side_diagram
from argmap.brief.context import MARK_VIEWS, BriefContext, Exchange
from argmap.brief.render import (
    markdown_escape,
    render_html,
    render_markdown,
    templates_dir,
)
from argmap.cli import app
from argmap.graph import MapGraph, numbering, source_labels, theses
from argmap.model import ArgMap, Attack, Node, Side
from argmap.quotes import plain as unmarked
from argmap.render.choices import Paper
from argmap.schemes import Burden
from argmap.validate import load_map, load_map_text
from argmap.write import dump_map
from conftest import MAPS

FIXTURES = Path(__file__).parent / "maps"
VOTING = FIXTURES / "compulsory-voting.yaml"
HOSTILE = FIXTURES / "hostile.yaml"
DAY = dt.date(2026, 11, 26)


def graph_of(path: Path) -> MapGraph:
    result = load_map(path)
    assert result.graph is not None, result.diagnostics
    return result.graph


@pytest.fixture(scope="module")
def voting() -> MapGraph:
    return graph_of(VOTING)


def codes(items: Iterator[Exchange] | tuple[Exchange, ...]) -> list[str]:
    return [x.point.code for x in items]


# --- a small DOM over html.parser, enough to find elements and read their text ---------


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    children: list[El | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def iter(self) -> Iterator[El]:
        yield self
        for child in self.children:
            if isinstance(child, El):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[El]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def by_id(self, ident: str) -> El:
        [found] = [e for e in self.iter() if e.attrs.get("id") == ident]
        return found


VOID = {"meta", "br", "img", "link", "hr", "input"}


class Dom(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#document", {})
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = El(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        raise AssertionError(f"stray </{tag}>")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def dom(context: BriefContext, **options: object) -> El:
    return Dom(render_html(context, **options)).root  # type: ignore[arg-type]


# --- the view model ------------------------------------------------------------------------


def test_our_case_numbers_contentions_and_frames_the_thesis(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO, generated=DAY)
    assert [p.code for p in sheet.theses] == ["AT"]
    assert [p.code for p in sheet.contentions] == ["A1", "A2"]
    a1 = sheet.contentions[0]
    assert a1.tag == "Turnout rises to over ninety per cent"
    [together] = a1.reasons
    assert together.joint and [p.code for p in together.points] == ["A1a", "A1b"]
    assert together.points[1].implicit and not together.points[0].implicit
    assert [c.label for c in together.points[0].cards] == ["ECE 2022"]
    assert dict(a1.impact)["probability"] == "high"
    assert a1.links == ("supports ATa",)
    assert a1.text is None  # tag lines only, unless full text is asked for


def test_blocks_pair_their_arguments_with_our_numbered_answers(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO)
    assert [b.claim.code for b in sheet.blocks] == ["N1", "N2"]
    n1, n2 = sheet.blocks
    assert codes(n1.answers) == ["N1.1", "N1.2"]
    assert [x.point.attack for x in n1.answers] == ["undercut", "rebut"]
    assert all(x.point.ours for x in n1.answers)
    assert n2.answers == ()  # nothing prepared against N2


def test_frontlines_hold_expected_attacks_and_prepared_answers(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO)
    lines = {f.claim.code: f for f in sheet.frontlines}
    assert list(lines) == ["AT", "A1", "A2"]
    careless, small = lines["A1"].attacks
    assert (careless.point.code, careless.point.attack) == ("A1.1", "undercut")
    assert codes(careless.replies) == ["A1.1.1", "A1.1.2"]
    turn = careless.replies[1]
    assert turn.point.turn and turn.point.ours
    assert codes(turn.replies) == ["A1.1.2.1"]  # their comeback, left unanswered
    assert not turn.replies[0].point.ours and not turn.replies[0].answered
    assert small.point.code == "A1.2" and not small.answered
    # written rebuttals first, then their contention that attacks A2 by a cross-link
    assert codes(lines["A2"].attacks) == ["A2.1", "N2"]
    assert lines["A2"].attacks[1].elsewhere and lines["A2"].attacks[1].point.attack == "rebut"
    assert codes(lines["AT"].attacks) == ["N1"]


def test_unanswered_attacks_are_our_vulnerabilities(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO)
    found = [(v.claim.code, [p.code for p in v.unanswered]) for v in sheet.vulnerabilities]
    assert found == [("A1", ["A1.2"]), ("A2", ["A2.1"])]


def test_the_other_side_gets_the_mirror_sheet(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.CON)
    assert sheet.theses == () and [p.code for p in sheet.contentions] == ["N1", "N2"]
    assert [b.claim.code for b in sheet.blocks] == ["AT", "A1", "A2"]
    a1 = sheet.blocks[1]
    assert codes(a1.answers) == ["A1.1", "A1.2"]  # their attacks are now our answers
    assert codes(a1.answers[0].replies) == ["A1.1.1", "A1.1.2"]  # and their replies
    [n1] = sheet.vulnerabilities
    assert n1.claim.code == "N1" and [p.code for p in n1.unanswered] == ["N1.1", "N1.2"]
    assert sheet.header.side_label == "Negative" and sheet.header.other_label == "Affirmative"


def test_weighing_puts_our_impacts_first(voting: MapGraph) -> None:
    for side, first in ((Side.PRO, ["A1", "A2", "N1"]), (Side.CON, ["N1", "A1", "A2"])):
        sheet = build_context(voting, side)
        assert [row.point.code for row in sheet.weighing] == first
    row = build_context(voting, Side.PRO).weighing[1]
    assert row.values == ("billions in public spending", "medium", "5-10 years", "", "")
    [claim] = build_context(voting, Side.PRO).outweighing
    assert (claim.source.code, claim.target.code) == ("N1", "A2")


def test_evidence_index_lists_every_card_with_its_words(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO)
    assert [s.label for s in sheet.sources] == [
        "ECE 2022",
        "Hale 2018",
        "Lind & Raman 2021",
        "Whitfield 2019",
    ]
    ece = sheet.sources[0]
    assert [(u.code, u.locator) for u in ece.uses] == [("A1a", "table 1"), ("N1.1", None)]
    assert ece.uses[0].quote == (
        "turnout has exceeded 90 per cent at every federal election since 1925"
    )
    whitfield = sheet.sources[3]
    assert whitfield.citation == (
        "Whitfield, Dana (Professor of Political Science, Northgate University). "
        "\u201cWho votes when voting is voluntary.\u201d Journal of Electoral Studies 41(2). 2019."
    )
    assert sheet.sources[0].citation.endswith(
        "ECE statistical series. 2022-09. https://example.org/ece/turnout."
    )
    assert [u.quote for u in whitfield.uses][-1] is None  # a card without a quote shows it


def test_header_names_the_debate(voting: MapGraph) -> None:
    h = build_context(voting, Side.PRO, generated=DAY).header
    assert h.motion == "This House would make voting compulsory in national elections"
    assert (h.side_label, h.other_label, h.format) == ("Affirmative", "Negative", "Public Forum")
    assert h.article is not None and "Mara Quill" in h.article and "The Civic Review" in h.article
    assert (h.file, h.generated) == ("compulsory-voting.yaml", "2026-11-26")
    legends = {s: [e.symbol for e in build_context(voting, s).legend] for s in Side}
    assert legends[Side.PRO][:3] == ["A1, N2", "N1.3", "AT"]  # this side has a thesis
    assert legends[Side.CON][:2] == ["N1, A2", "A1.3"] and "NT" not in legends[Side.CON]


def test_full_text_adds_texts_under_titled_tags(voting: MapGraph) -> None:
    sheet = build_context(voting, Side.PRO, full_text=True)
    assert sheet.contentions[0].text is not None
    assert sheet.contentions[0].text.startswith("Where voting is compulsory")


def test_marks_read_from_our_side(voting: MapGraph) -> None:
    """Our point that holds, their attack that holds (a danger), their attack we beat:
    three different marks, told apart in black and white by glyph, word and box."""
    verdicts = {
        "A1": Verdict(Status.STANDS, "Every attack on it is answered."),
        "N1.r1": Verdict(Status.CONTESTED, "Standoff with N1."),
        "A1.r2": Verdict(Status.FALLS, "Defeated."),
        "A1.r1": Verdict(Status.STANDS, "Unanswered."),
    }
    sheet = build_context(voting, Side.PRO, verdicts=verdicts)
    mark = sheet.contentions[0].mark
    assert mark is not None and (mark.glyph, mark.word, mark.view) == ("\u2714", "Holds", "good")
    assert sheet.contentions[1].mark is None  # no verdict given for it
    page = dom(sheet)
    boxes = {e.words(): e.classes for e in page.find_all("span", "code")}
    assert boxes["A1 \u2714 Holds"] == {"code", "good"}
    assert boxes[f"N1.1 {Status.CONTESTED.glyph} Contested"] == {"code", "open"}
    assert boxes["A1.2 \u2718 Beaten"] == {"code", "beaten"}  # theirs, and we beat it
    assert boxes["A1.1 \u26a0 Danger: holds"] == {"code", "danger"}  # theirs, and it holds
    assert boxes["A2"] == {"code"}  # no verdict, no mark
    legend = page.find_all("p", "legend")[0].words()
    for word in ("Holds", "Danger", "Beaten", "Cut off", "Contested"):
        assert word in legend
    assert "Holds" not in dom(build_context(voting, Side.PRO)).words()


def test_a_cut_node_never_prints_as_false(voting: MapGraph) -> None:
    verdicts = {"A1.r2": Verdict(Status.CUT, "cut: granted, but it no longer bears on A1")}
    mark = next(
        x.point.mark
        for f in build_context(voting, Side.PRO, verdicts=verdicts).frontlines
        for x in f.attacks
        if x.point.id == "A1.r2"
    )
    assert mark is not None and mark.word == "Cut off" and "Falls" not in mark.word


def question(graph: MapGraph, node: str, text: str, attack: Attack, side: Side) -> OpenQuestion:
    """An open critical question as argmap.analysis.questions reports it."""
    kind = QuestionKind.VULNERABILITY if graph[node].side is side else QuestionKind.ATTACK_ANGLE
    label = graph[node].label
    return OpenQuestion(
        kind, node, graph[node].side, label, "s", "q", text, attack, Burden.OPPONENT
    )


def test_open_questions_become_angles_vulnerabilities_and_cross_examination(
    voting: MapGraph,
) -> None:
    asked = [
        ("N1", "Is abstention really a political statement?", Attack.UNDERMINE),
        ("A1.w1", "Is Examplia comparable to us?", Attack.UNDERMINE),
        ("N2.p1", "Are fines the only way to enforce it?", Attack.UNDERCUT),
    ]
    questions = [question(voting, n, q, a, Side.PRO) for n, q, a in asked]
    sheet = build_context(voting, Side.PRO, questions=questions)
    assert [(a.number, a.code) for a in sheet.cross_ex] == [(1, "N1"), (2, "N2a")]
    assert sheet.blocks[0].claim.angles[0].number == 1
    assert sheet.contentions[0].reasons[0].points[1].angles == ()  # ours: listed once, below
    a1, a2 = sheet.vulnerabilities
    assert [(q.code, q.question) for q in a1.questions] == [
        ("A1b", "Is Examplia comparable to us?")
    ]
    assert a2.questions == ()
    page = dom(sheet)
    assert "To ask them: Q1 (cross-examination)" in page.by_id("blocks").words()
    assert "To ask them: Q2" in page.by_id("blocks").words()
    assert "Is Examplia comparable to us? (A1b)" in page.by_id("exposed").words()
    assert "Q2" in render_markdown(sheet).split("## Frontlines")[0]
    cross = page.by_id("cross-ex")
    assert "Q1 Is abstention really a political statement?" in cross.words()
    assert page.find_all("section")[5].attrs["id"] == "cross-ex"
    assert cross.find_all("li")[0].attrs["id"] == "q1"  # where "To ask them: Q1" links
    assert "cross-ex" not in {
        s.attrs["id"] for s in dom(build_context(voting, Side.PRO)).find_all("section")
    }


def test_the_analysis_marks_the_sheet_and_asks_its_questions() -> None:
    """make_sheet runs the analysis: every point marked, every attack angle a question."""
    from argmap.analysis import analyse
    from argmap.analysis.questions import open_questions

    article = graph_of(MAPS[0]) if MAPS else graph_of(VOTING)
    for side in Side:
        html = make_sheet(article, side, SheetFormat.HTML, SheetOptions(diagram=False)).content
        page = Dom(html.decode()).root
        boxes = [
            box
            for section in ("case", "blocks", "frontlines")
            for box in page.by_id(section).find_all("span", "code")
        ]
        assert boxes and all(len(b.classes) == 2 for b in boxes)  # "code" and a status
        verdicts = analyse(article).verdicts
        shown = {b.text().split()[0]: b.classes - {"code"} for b in boxes}
        codes_ = numbering(article)
        assert all(
            shown[codes_[n]] == {MARK_VIEWS[article[n].side is side, verdicts[n].status][2]}
            for n in article.nodes
        )
        angles = [q for q in open_questions(article, side) if q.kind is QuestionKind.ATTACK_ANGLE]
        cross = page.find_all("section")
        if angles:
            items = page.by_id("cross-ex").find_all("li")
            assert len(items) == len(angles)
            assert items[0].words().startswith(f"Q1 {angles[0].question}")
        else:
            assert "cross-ex" not in {s.attrs["id"] for s in cross}
    plain = make_sheet(
        article, Side.PRO, SheetFormat.HTML, SheetOptions(status=False, diagram=False)
    )
    assert all(
        b.classes == {"code"} for b in Dom(plain.content.decode()).root.find_all("span", "code")
    )


# --- HTML ------------------------------------------------------------------------------------


def test_html_sheet_has_every_section_in_print_order(voting: MapGraph) -> None:
    page = dom(build_context(voting, Side.PRO, generated=DAY))
    sections = [s.attrs["id"] for s in page.find_all("section")]
    assert sections == ["case", "blocks", "frontlines", "exposed", "weighing", "evidence"]
    assert page.find_all("html")[0].attrs["lang"] == "en"
    head = page.find_all("header")[0].words()
    assert "This House would make voting compulsory in national elections" in head
    assert "We are Affirmative" in head and "Public Forum" in head
    assert "Map file" not in head and "Generated" not in head  # a debater's words only
    toc = page.find_all("nav", "toc")[0]
    assert "A2 N1" in toc.words() and "#a2-N1" in {a.attrs["href"] for a in toc.find_all("a")}

    case = page.by_id("case")
    contentions = [p.find_all("span", "code")[0].text() for p in case.find_all("div", "ours")]
    assert contentions == ["A1", "A2"]
    assert "A1.2" in page.by_id("exposed").words()

    blocks = page.by_id("blocks").find_all("div", "block")
    assert len(blocks) == 2
    assert blocks[0].find_all("h3")[0].words().startswith("A2 N1: ")
    they = blocks[0].find_all("div", "they-say")[0]
    assert they.find_all("span", "code")[0].text() == "N1"
    answers = blocks[0].find_all("ol", "answers")[0].find_all("li")
    assert [li.find_all("span", "code")[0].text() for li in answers][:2] == ["N1.1", "N1.2"]
    kinds = {k.text() for k in answers[0].find_all("span", "kind")}
    assert kinds & {"not true", "does not follow", "their reason is false", "turn"}
    assert "No direct answer prepared" in blocks[1].words()

    fronts = page.by_id("frontlines").find_all("div", "frontline")
    assert [t.find_all("h3")[0].text().split(":")[0] for t in fronts] == ["AT", "A1", "A2"]
    assert fronts[1].words().count("No answer prepared: a vulnerability") == 1
    assert "If they reply" in fronts[1].words()

    weigh_rows = [
        r
        for r in page.by_id("weighing").find_all("tbody")[0].find_all("tr")
        if "why" not in r.classes
    ]
    whose = [r.find_all("td")[0].words().split()[1] for r in weigh_rows]
    assert whose == ["Ours:", "Ours:", "Theirs:"]
    index = page.by_id("evidence").find_all("p", "source")
    assert [p.find_all("b")[0].text() for p in index][:2] == ["ECE 2022", "Hale 2018"]
    assert "turnout has exceeded 90 per cent" in index[0].text()


def test_html_is_one_self_contained_page(voting: MapGraph) -> None:
    html = render_html(build_context(voting, Side.PRO))
    page = Dom(html).root
    assert [e.tag for e in page.find_all("link")] == []
    assert len(page.find_all("style")) == 1 and not page.find_all("script")
    assert "size: A4" in page.find_all("style")[0].text()
    assert "size: letter" in render_html(build_context(voting, Side.PRO), paper=Paper.LETTER)


# --- escaping --------------------------------------------------------------------------------


def test_hostile_map_prints_as_text_in_html() -> None:
    graph = graph_of(HOSTILE)
    html = render_html(build_context(graph, Side.PRO))
    page = Dom(html).root
    assert not page.find_all("script") and not page.find_all("img")
    assert len(page.find_all("style")) == 1
    assert page.find_all("title")[0].text().startswith("</title><script>alert('title')</script>")
    words = page.words()
    for text in (
        "<script>alert('tag')</script>",
        "[link](https://evil.example) and ![img](x.png)",
        "{{ 7 * 7 }} {% raw %}",
        "</td><td>extra cell",
        "<q>nested</q> \"quoted\" 'single'",
        "]] ` | # {% include 'brief.css' %}",
    ):
        assert text in words, text
    assert "49" not in words
    # a tag's text sits inside the line that prints it, not in new elements
    lines = [p for p in page.find_all("p", "ln") if "alert('tag')" in p.text()]
    assert lines and all({e.tag for e in line.iter()} <= {"p", "a", "span"} for line in lines)
    assert all("onerror" not in e.attrs and "onmouseover" not in e.attrs for e in page.iter())


def test_hostile_map_prints_as_text_in_the_whole_sheet_with_its_diagram() -> None:
    graph = graph_of(HOSTILE)
    for side in Side:
        page = Dom(make_sheet(graph, side, SheetFormat.HTML).content.decode()).root
        assert page.find_all("svg"), "the diagram is part of the sheet"
        assert not page.find_all("script") and not page.find_all("img")
        assert not page.find_all("foreignobject") and len(page.find_all("style")) == 1
        assert all(not k.startswith("on") for e in page.iter() for k in e.attrs)


def test_hostile_map_prints_as_text_in_markdown() -> None:
    graph = graph_of(HOSTILE)
    for side in Side:
        text = render_markdown(build_context(graph, side))
        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        inline = [child for t in tokens if t.children for child in t.children]
        kinds = {t.type for t in (*tokens, *inline)}
        assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_block"}
        assert not kinds & {"blockquote_open"}
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert not any(h.startswith("Not a heading") for h in headings)
        rendered = MarkdownIt("commonmark").enable("table").render(text)
        assert "&lt;script&gt;alert('tag')&lt;/script&gt;" in rendered.replace("&#x27;", "'")


plain = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co")), min_size=1, max_size=60
)


@settings(max_examples=300, deadline=None)
@given(plain)
def test_markdown_escape_leaves_only_the_text(value: str) -> None:
    """Whatever the text, CommonMark reads it back as that text and nothing else."""
    md = MarkdownIt("commonmark")
    tokens = md.parseInline("x " + markdown_escape(value))[0].children or []
    assert {t.type for t in tokens} <= {"text", "softbreak"}
    assert "".join(t.content for t in tokens) == "x " + " ".join(value.split())


@settings(max_examples=40, deadline=None)
@given(plain.filter(str.strip), plain.filter(str.strip))
def test_any_title_and_text_reach_the_html_unchanged(title: str, text: str) -> None:
    argmap = ArgMap(
        argmap=1,
        title="T",
        claims=[Node(id="C1", side=Side.PRO, title=title, text=text)],
    )
    result = load_map_text(dump_map(argmap))
    assert result.graph is not None
    page = Dom(render_html(build_context(result.graph, Side.PRO, full_text=True))).root
    fronts = page.by_id("frontlines")
    assert fronts.find_all("p", "ln")[0].text().endswith(title)
    assert fronts.find_all("p", "text")[0].text() == text


# --- templates -------------------------------------------------------------------------------


def test_templates_come_from_the_repository_in_a_checkout() -> None:
    folder = templates_dir()
    assert folder == Path(__file__).resolve().parent.parent / "templates"
    assert {"brief.html.j2", "brief.css", "brief.md.j2", "macros.html.j2"} <= {
        p.name for p in folder.iterdir()
    }


def test_an_installed_wheel_reads_its_own_templates(tmp_path: Path) -> None:
    """Laid out as the wheel installs it (argmap/templates), the package finds its templates."""
    import subprocess
    import sys

    import argmap

    site = tmp_path / "site"
    shutil.copytree(Path(argmap.__file__).parent, site / "argmap")
    shutil.copytree(templates_dir(), site / "argmap" / "templates")
    code = "from argmap.brief.render import templates_dir; print(templates_dir())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(site), "PATH": ""},
        cwd=tmp_path,
    )
    assert Path(run.stdout.strip()) == site / "argmap" / "templates"


def test_the_wheel_ships_the_templates_folder() -> None:
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    wheel = tomllib.loads(pyproject.read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["templates"] == "argmap/templates"


def test_template_folder_option_replaces_the_templates(runner: CliRunner, tmp_path: Path) -> None:
    custom = tmp_path / "mine"
    shutil.copytree(templates_dir(), custom)
    css = custom / "brief.css"
    css.write_text(css.read_text() + "\n/* house style marker */\n")
    out = tmp_path / "pro.html"
    result = runner.invoke(
        app, ["brief", str(VOTING), "-s", "pro", "-o", str(out), "--template", str(custom)]
    )
    assert result.exit_code == 0, result.output
    assert "house style marker" in out.read_text()

    (custom / "brief.html.j2").write_text("{% if %}")
    result = runner.invoke(
        app, ["brief", str(VOTING), "-s", "pro", "-o", str(out), "--template", str(custom)]
    )
    assert result.exit_code == 2 and "brief.html.j2:1" in result.stderr

    (custom / "brief.html.j2").write_text("{{ brief.no_such_thing }}")
    result = runner.invoke(
        app, ["brief", str(VOTING), "-s", "pro", "-o", str(out), "--template", str(custom)]
    )
    assert result.exit_code == 2 and "no_such_thing" in result.stderr

    result = runner.invoke(
        app, ["brief", str(VOTING), "-o", str(tmp_path), "--template", str(tmp_path)]
    )
    assert result.exit_code == 2 and "no brief.html.j2" in result.stderr


def test_compiled_templates_are_kept_between_runs_and_follow_edits(tmp_path: Path) -> None:
    """A fresh `argmap brief` loads its templates compiled (Jinja's cache, in the temporary
    folder); a template edited since is compiled again, not served from the cache."""
    import os
    import subprocess
    import sys

    custom, temporary = tmp_path / "mine", tmp_path / "tmp"
    shutil.copytree(templates_dir(), custom)
    temporary.mkdir()
    out = tmp_path / "pro.html"
    command = [sys.executable, "-m", "argmap", "brief", str(VOTING), "-s", "pro", "-o", str(out)]
    environment = {**os.environ, "TMPDIR": str(temporary)}

    def brief() -> str:
        subprocess.run([*command, "--template", str(custom)], env=environment, check=True)
        return out.read_text(encoding="utf-8")

    assert "house marker" not in brief()
    (cache,) = temporary.glob("_jinja2-cache-*")
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 3  # the sheet, its macros and its stylesheet
    page = custom / "brief.html.j2"
    page.write_text(page.read_text().replace("<body", "<!-- house marker --><body"))
    assert "house marker" in brief()


def test_compiled_templates_are_kept_apart_by_how_they_were_compiled() -> None:
    """Compiled code bakes in its environment's autoescape and whitespace rules: the HTML
    and the Markdown environments never share a compiled template, whatever its name."""
    from argmap.brief.render import _compiled_templates

    html, markdown = _compiled_templates("html"), _compiled_templates("markdown")
    if html is None or markdown is None:
        pytest.skip("no private temporary folder for Jinja's cache here")
    assert html.get_cache_key("brief.css", "/t/brief.css") != markdown.get_cache_key(
        "brief.css", "/t/brief.css"
    )


# --- the command ------------------------------------------------------------------------------


def test_without_side_writes_both_sheets_here(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["brief", str(VOTING)])
    assert result.exit_code == 0, result.output
    names = ["compulsory-voting-pro.html", "compulsory-voting-con.html"]
    assert result.stdout.split() == [str(tmp_path / n) for n in names]
    con = Dom((tmp_path / names[1]).read_text()).root
    assert "We are Negative" in con.find_all("header")[0].words()


def test_format_follows_the_output_suffix(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "sheets" / "con.md"
    result = runner.invoke(app, ["brief", str(VOTING), "--side", "con", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# This House would make voting compulsory")
    assert "## Frontlines: defending our case" in text


def test_both_sides_need_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(VOTING), "-o", str(tmp_path / "one.pdf")])
    assert result.exit_code == 2 and "give a folder" in result.stderr
    assert not (tmp_path / "one.pdf").exists()
    result = runner.invoke(app, ["brief", str(VOTING), "-f", "md", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "compulsory-voting-con.md",
        "compulsory-voting-con.svg",  # the diagram each sheet links to
        "compulsory-voting-pro.md",
        "compulsory-voting-pro.svg",
    ]


def test_standard_output_takes_one_text_sheet(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", str(VOTING), "-s", "pro", "-f", "md", "-o", "-"])
    assert result.exit_code == 0
    assert "### A2 N1: Compulsion violates freedom of conscience" in result.stdout
    assert "diagram" not in result.stdout  # no file beside standard output to hold one
    for args in (["-o", "-"], ["-s", "pro", "-f", "pdf", "-o", "-"]):
        result = runner.invoke(app, ["brief", str(VOTING), *args])
        assert result.exit_code == 2, args


def test_a_broken_map_prints_its_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: Bad\nclaims:\n  - text: no side\n")
    result = runner.invoke(app, ["brief", str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "error[missing-side]" in result.stdout
    assert not list(tmp_path.glob("*.html"))


def test_the_sheet_ends_with_the_sides_case_as_a_diagram(voting: MapGraph) -> None:
    sheet = make_sheet(voting, Side.CON, SheetFormat.HTML)
    assert sheet.content.startswith(b"<!DOCTYPE html>") and sheet.diagram is None
    page = Dom(sheet.content.decode()).root
    section = page.by_id("diagram")
    [svg] = section.find_all("svg")
    titles = " ".join(e.text() for e in svg.find_all("text"))
    assert "Compulsion violates freedom of conscience" in titles
    assert "Turnout rises" not in titles  # the other side's case is not drawn
    assert "the whole case" in section.words()
    without = make_sheet(voting, Side.CON, SheetFormat.HTML, SheetOptions(diagram=False))
    assert b'id="diagram"' not in without.content

    md = make_sheet(voting, Side.PRO, SheetFormat.MARKDOWN, diagram_name="x-pro.svg")
    assert md.diagram is not None and md.diagram.startswith("<svg")
    assert md.content.decode().rstrip().endswith("![Diagram of our case](<x-pro.svg>)")


@pytest.mark.parametrize("path", [*MAPS, VOTING], ids=[p.stem for p in [*MAPS, VOTING]])
def test_a_case_is_drawn_as_deep_as_one_page_reads(path: Path) -> None:
    from argmap.brief.diagram import _READABLE, _room, _scale
    from argmap.render import diagram_svg

    graph = graph_of(path)
    for side in Side:
        drawn = side_diagram(graph, side)
        whole = diagram_svg(graph, side=side, titles_only=True, legend=False)
        if drawn is None:  # not even the contentions print at full size: no diagram page
            contentions = diagram_svg(graph, side=side, depth=0, titles_only=True, legend=False)
            assert _scale(contentions, _room(Paper.A4)) < _READABLE
        elif drawn.depth is None:
            assert "the whole case" in drawn.note
        else:  # the whole case would print too small, and the sheet says what it shows
            assert _scale(whole, _room(Paper.A4)) < _READABLE
            assert "argmap" not in drawn.note  # never a command line for the reader
        if drawn is not None:  # what is drawn prints at full size: 8 pt type stays 8 pt
            assert _scale(drawn.svg, _room(Paper.A4)) >= 1.0


@pytest.mark.parametrize("path", [*MAPS, VOTING], ids=[p.stem for p in [*MAPS, VOTING]])
def test_the_view_drawn_is_the_deepest_that_reads_when_drawn(path: Path) -> None:
    """Skipping views on size estimates never changes the choice: Graphviz would agree."""
    from argmap.brief.diagram import _READABLE, _room, _scale
    from argmap.render import diagram_svg

    graph = graph_of(path)
    for side in Side:
        drawn = side_diagram(graph, side)
        views = {
            d: diagram_svg(graph, side=side, depth=d, titles_only=True, legend=False)
            for d in (None, 1, 0)
        }
        readable = [d for d, svg in views.items() if _scale(svg, _room(Paper.A4)) >= _READABLE]
        if readable:
            assert drawn is not None and drawn.depth == readable[0]
        else:
            assert drawn is None


def test_the_article_case_is_too_big_to_draw_whole() -> None:
    article = [p for p in MAPS if p.stem == "guerrilla-wars-to-victory-parades"]
    if not article:
        pytest.skip("the article map is not in maps/")
    drawn = side_diagram(graph_of(article[0]), Side.PRO)
    assert drawn is None or drawn.depth is not None  # never the whole case, shrunk


def test_missing_graphviz_is_an_error_with_a_way_out(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` here
    result = runner.invoke(app, ["brief", str(VOTING), "-s", "pro", "-o", f"{tmp_path}/"])
    assert result.exit_code == 1 and "--no-diagram" in result.stderr
    result = runner.invoke(
        app, ["brief", str(VOTING), "-s", "pro", "--no-diagram", "-o", f"{tmp_path}/"]
    )
    assert result.exit_code == 0, result.output


# --- every map: nothing goes missing ---------------------------------------------------------

ALL_MAPS = [*MAPS, VOTING, HOSTILE]


@pytest.mark.parametrize("side", list(Side), ids=lambda s: s.value)
@pytest.mark.parametrize("path", ALL_MAPS, ids=[p.stem for p in ALL_MAPS])
def test_each_sheet_shows_every_node_section_and_card(path: Path, side: Side) -> None:
    graph = graph_of(path)
    page = dom(build_context(graph, side))
    shown = {e.text() for e in page.find_all("span", "code")}
    assert set(numbering(graph).values()) <= shown

    ours = [r for r in graph.roots if graph[r].side is side]
    theirs = [r for r in graph.roots if graph[r].side is not side]
    framing = set(theses(graph))
    case = page.by_id("case")
    assert len(case.find_all("div", "ours")) == len([r for r in ours if r not in framing])
    assert len(page.by_id("blocks").find_all("h3", "a2")) == len(theirs)
    assert len(page.by_id("frontlines").find_all("div", "frontline")) == len(ours)
    weighed = [n for n in graph if n.node.impact is not None]
    rows = [r for r in page.by_id("weighing").find_all("tr") if "why" not in r.classes]
    assert len(rows) == len(weighed) + bool(weighed)

    index = page.by_id("evidence")
    labels = source_labels(graph.map)
    cited = {labels[c.source] for n in graph for c in n.node.evidence}
    assert {p.find_all("b")[0].text() for p in index.find_all("p", "source")} == cited
    listed = index.text()
    assert all(unmarked(c.quote) in listed for n in graph for c in n.node.evidence if c.quote)


def test_a_folder_can_be_named_before_it_exists(runner: CliRunner, tmp_path: Path) -> None:
    target = f"{tmp_path}/new/"
    result = runner.invoke(app, ["brief", str(VOTING), "-s", "con", "-f", "md", "-o", target])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "compulsory-voting-con.md").is_file()


def test_an_unwritable_output_is_an_error_not_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["brief", str(VOTING), "-s", "pro", "-o", f"{blocker}/x.html"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write the sheet")
    assert blocker.read_text() == "not a folder"
