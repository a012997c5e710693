"""The Word brief: Verbatim's outline, read back with python-docx and through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from argmap.analysis import Status, analyse
from argmap.brief import SheetFormat, SheetOptions, build_context, make_sheet
from argmap.cli import app
from argmap.model import Side
from argmap.quotes import plain, read_aloud
from argmap.validate import load_map
from conftest import MAPS

HOSTILE = Path(__file__).parent / "maps" / "hostile.yaml"
PILOT = "Across the pilot ==output held steady== while weekly hours ==fell by a fifth==."

MARKED = """\
argmap: 1
title: Four-day week
motion: This House would move to a four-day working week
sources:
  trial:
    author: Example Research Unit
    title: A made-up pilot report, for tests only
    qualifications: a fictional research team
    date: 2023-02-21
    publication: Test Press
    url: https://example.org/pilot
claims:
  - id: P1
    side: pro
    title: Staff are as productive in four days
    text: Output held steady in the pilot while hours fell.
    evidence:
      - source: trial
        quote: "Across the pilot ==output held steady== while weekly hours ==fell by a fifth==."
        locator: p. 4
    rebuttals:
      - id: P1.r1
        title: The pilot firms chose themselves
        text: Firms that volunteered were the ones likely to cope.
        rebuttals:
          - id: P1.r1.a
            title: They did not know their results in advance
            text: Volunteering firms had no way to know how the trial would go.
            evidence:
              - source: trial
                quote: |-
                  Firms ==signed up before== any results were known.
                  Second ==paragraph== here.
  - id: C1
    side: con
    title: Shops and hospitals cannot close a day
    text: Services that run every day would need more staff.
    rebuttals:
      - id: C1.r1
        attack: undercut
        title: Rotas cover the fifth day
        text: Staff can take different days off, so the service stays open.
        evidence:
          - source: trial
            quote: the service stayed open
"""


def headings(document: docx.document.Document) -> list[tuple[int, str]]:
    out = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading "):
            out.append((int(name.split()[1]), p.text))
    return out


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    path = tmp_path / "week.yaml"
    path.write_text(MARKED, encoding="utf-8")
    return path


def brief_docx(runner: CliRunner, map_path: Path, out: Path, *args: str) -> docx.document.Document:
    result = runner.invoke(app, ["brief", str(map_path), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def test_verbatim_outline(runner: CliRunner, marked: Path, tmp_path: Path) -> None:
    document = brief_docx(runner, marked, tmp_path / "pro.docx", "-s", "pro")
    levels = headings(document)
    assert levels[0] == (1, "Proposition: our case")
    assert (2, "P1: Staff are as productive in four days") in levels
    assert (3, "A2 P1.1: The pilot firms chose themselves") in levels
    tag = next(t for lv, t in levels if lv == 4 and "did not know" in t)
    assert tag.startswith("1. They did not know their results in advance")
    assert "[P1.1.1" in tag  # the code, small, after the tag
    assert (1, "Opposition: their case and our answers") in levels
    assert (3, "A2 O1: Shops and hospitals cannot close a day") in levels
    answer = next(t for lv, t in levels if lv == 4 and "Rotas" in t)
    assert "does not follow (undercut)" in answer
    # headings carry Verbatim's names for them, so its macros find them
    for level, alias in enumerate(("Pocket", "Hat", "Block", "Tag"), 1):
        element = document.styles[f"Heading {level}"].element
        assert element.find(qn("w:aliases")).get(qn("w:val")) == alias
    assert document.core_properties.title == "Four-day week"
    cover = [p.text for p in document.paragraphs[:24]]
    assert "does not follow: undercut" in cover
    assert any(line.startswith("\u2714 Holds: a point of ours that holds") for line in cover)


def test_cite_and_card(runner: CliRunner, marked: Path, tmp_path: Path) -> None:
    document = brief_docx(runner, marked, tmp_path / "pro.docx", "-s", "pro")
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Staff are as productive"))
    body, cite, card = paragraphs[at + 1 : at + 4]
    assert body.text == "Output held steady in the pilot while hours fell."  # the full text
    assert cite.runs[0].style.name == "Style 13 pt Bold"  # Verbatim's Cite
    assert cite.runs[0].text.startswith("Example Research Unit 2023")
    assert "a fictional research team" in cite.text and "https://example.org/pilot" in cite.text
    assert cite.text.endswith("[p. 4]")
    read = [r for r in card.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert [r.text for r in read] == ["output held steady", "fell by a fifth"]
    assert all(r.style.name == "Style Underline" for r in read)
    rest = [r for r in card.runs if r.font.highlight_color is None]
    assert rest and all(r.font.size == Pt(8) for r in rest)
    assert card.text == plain(PILOT)
    # a quote over two lines prints as two paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Firms signed up"))
    assert paragraphs[at + 1].text == "Second paragraph here."


def test_unmarked_quote_is_read_whole(runner: CliRunner, marked: Path, tmp_path: Path) -> None:
    document = brief_docx(runner, marked, tmp_path / "pro.docx", "-s", "pro")
    card = next(p for p in document.paragraphs if p.text == "the service stayed open")
    assert all(r.font.size is None and r.font.highlight_color is None for r in card.runs)


def test_attack_words_say_when_the_evidence_is_attacked() -> None:
    path = next(p for p in MAPS if p.stem == "school-uniforms")
    graph = load_map(path).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions())
    texts = [t for _, t in headings(docx.Document(io.BytesIO(sheet.content)))]
    # G1.1.1 undermines G1.1, which rests on a card: "their evidence is bad"
    (answer,) = [t for t in texts if "[G1.1.1 " in t]
    assert "their evidence is bad (undermine)" in answer


def test_status_marks_from_our_side() -> None:
    """The view model's marks, read from our side: their attack that holds is a danger."""
    path = next(p for p in MAPS if p.stem == "school-uniforms")
    graph = load_map(path).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions())
    document = docx.Document(io.BytesIO(sheet.content))
    texts = [t for _, t in headings(document)] + [p.text for p in document.paragraphs]
    verdicts = analyse(graph).verdicts
    seen = set()
    for node_id, verdict in verdicts.items():
        code = graph.codes[node_id]
        labels = [t for t in texts if f"[{code} \u00b7" in t or f"({code} \u00b7" in t]
        for label in labels:
            ours = graph[node_id].side is Side.PRO
            seen.add((ours, verdict.status))
            if (ours, verdict.status) == (False, Status.STANDS):
                assert "\u26a0 Danger: holds" in label
            if (ours, verdict.status) == (True, Status.STANDS):
                assert "\u2714 Holds" in label
            if verdict.status is Status.CUT:  # never printed as false
                assert "Cut off" in label and "Falls" not in label and "Beaten" not in label
    assert {(False, Status.STANDS), (True, Status.STANDS)} <= seen


@pytest.mark.parametrize("map_path", MAPS, ids=lambda p: p.stem)
@pytest.mark.parametrize("side", list(Side))
def test_shipped_maps_every_block_and_answer(map_path: Path, side: Side) -> None:
    graph = load_map(map_path).graph
    assert graph is not None
    sheet = make_sheet(graph, side, SheetFormat.DOCX, SheetOptions())
    document = docx.Document(io.BytesIO(sheet.content))
    levels = headings(document)
    texts = [t for _, t in levels]
    context = build_context(graph, side, verdicts=analyse(graph).verdicts)
    for block in context.blocks:  # each argument of theirs: a block, then our numbered answers
        at = texts.index(f"A2 {block.claim.code}: {block.claim.tag}")
        assert levels[at][0] == 3
        for n, answer in enumerate(block.answers, 1):
            assert any(t.startswith(f"{n}. {answer.point.tag} [{answer.point.code}") for t in texts)
    for line in context.frontlines:
        assert (2, f"{line.claim.code}: {line.claim.tag}") in levels
        for attack in line.attacks:
            if not attack.elsewhere:
                assert (3, f"A2 {attack.point.code}: {attack.point.tag}") in levels
    statuses = analyse(graph).verdicts
    for node_id, verdict in statuses.items():
        if verdict.status is Status.CUT:
            code = graph.codes[node_id]
            for text in texts:
                if f"[{code} \u00b7" in text:
                    assert "Cut off" in text and "Falls" not in text and "Beaten" not in text


def test_hostile_text_is_text(tmp_path: Path) -> None:
    text = HOSTILE.read_text(encoding="utf-8").replace("closes things", "closes \\x01 things \\x0b")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    graph = load_map(path).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.PRO, SheetFormat.DOCX, SheetOptions(full_text=True))
    document = docx.Document(io.BytesIO(sheet.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "<script>alert('tag')</script>" in body
    assert "closes  things" in body  # control characters dropped, the rest kept
    assert document.core_properties.title == "</title><script>alert('title')</script>"


def test_cli_format_from_suffix_and_stdout(runner: CliRunner, marked: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(marked), "-o", str(tmp_path) + "/", "-f", "docx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["week-con.docx", "week-pro.docx"]
    result = runner.invoke(app, ["brief", str(marked), "-s", "pro", "-f", "docx", "-o", "-"])
    assert result.exit_code == 2
    assert "HTML or Markdown" in result.output


def soffice_pdf(path: Path, out: Path) -> str:
    """Convert with LibreOffice headless (a profile of its own) and return the PDF's text."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed: run scripts/system-deps.sh"
    profile = (out / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / path.with_suffix(".pdf").name
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(text.stdout.split())


def in_order(text: str, *parts: str) -> bool:
    at = 0
    for part in parts:
        found = text.find(" ".join(part.split()), at)
        if found < 0:
            return False
        at = found + 1
    return True


def test_libreoffice_opens_it(
    runner: CliRunner, marked: Path, tmp_path: Path, write_map: Callable[..., Path]
) -> None:
    path = tmp_path / "week-pro.docx"
    brief_docx(runner, marked, path, "-s", "pro")
    text = soffice_pdf(path, tmp_path)
    assert in_order(
        text,
        "Proposition: our case",
        "P1: Staff are as productive in four days",
        "Staff are as productive in four days",
        "Example Research Unit 2023",
        plain(PILOT),
        "A2 P1.1: The pilot firms chose themselves",
        "1. They did not know their results in advance",
        read_aloud("==signed up before=="),
        "Opposition: their case and our answers",
        "A2 O1: Shops and hospitals cannot close a day",
        "1. Rotas cover the fifth day",
        "the service stayed open",
    )


def test_libreoffice_opens_the_article_brief(tmp_path: Path) -> None:
    article = next(p for p in MAPS if p.stem.startswith("guerrilla"))
    graph = load_map(article).graph
    assert graph is not None
    sheet = make_sheet(graph, Side.CON, SheetFormat.DOCX, SheetOptions())
    path = tmp_path / "article-con.docx"
    path.write_bytes(sheet.content)
    text = soffice_pdf(path, tmp_path)
    context = build_context(graph, Side.CON)
    parts = [
        part
        for block in context.blocks
        for part in (
            f"A2 {block.claim.code}: {block.claim.tag}",
            *(f"{n}. {a.point.tag}" for n, a in enumerate(block.answers, 1)),
        )
    ]
    assert parts and in_order(text, *parts)
