"""Interchange formats on realistic files written for these tests, and the commands."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.analysis import evaluate
from argmap.cli import app
from argmap.formats import EXPORTS, IMPORTS, exporter, importer
from argmap.graph import MapGraph
from argmap.validate import load_map, load_map_text
from argmap.write import dump_map

HERE = Path(__file__).parent / "interchange"
UNIFORMS = HERE / "uniforms.yaml"


def graph_of(path: Path = UNIFORMS) -> MapGraph:
    graph = load_map(path).graph
    assert graph is not None
    return graph


def import_file(name: str, fmt: str) -> tuple[MapGraph, list[tuple[str, str, str]]]:
    path = HERE / name
    argmap, notes = importer(fmt)(path.read_text(encoding="utf-8"), str(path))
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    return result.graph, [(n.where, n.code, n.message) for n in notes]


# -- Kialo ----------------------------------------------------------------------------


def test_kialo_import_of_a_discussion_export() -> None:
    graph, notes = import_file("kialo-discussion.txt", "kialo")
    # A Con before a Pro among siblings is kept in that order (`order`): nothing lost.
    assert notes == []
    assert graph.map.title == "Should homework be banned in primary schools?"
    assert graph.map.motion == "Primary schools should stop setting homework."
    # Pro children of the thesis are the proposition's claims, Con ones the opposition's.
    assert [(graph[r].side.value, graph[r].text[:20]) for r in graph.roots] == [
        ("pro", "Homework in primary "),
        ("pro", "Homework widens the "),
        ("con", "Homework teaches chi"),
        ("con", "Parents want to know"),
    ]
    by_text = {m.text: m for m in graph}
    first = graph[graph.roots[0]]
    assert first.text.endswith(
        "\\(the effect size in most studies is close to zero\\).".replace("\\", "")
    )
    reading = by_text["Reading at home with parents is homework too, and it clearly helps."]
    assert reading.role.value == "rebuttal" and reading.parent == first.id
    # A claim wrapped over two lines is one claim.
    clubs = next(m for m in graph if m.text.startswith("Clubs cost money"))
    assert clubs.text.endswith("after 2015.\nBudgets have not recovered since.")
    # "-> See" lines are cross-links, with their stance.
    shared = by_text["Shared reading builds vocabulary faster than any classroom activity."]
    assert shared.node.supports == [graph.roots[1]]
    assert first.node.attacks == [by_text[
        "Secondary schools expect it, and children who have never done it struggle."
    ].id]  # fmt: skip
    # Markdown links stay as written.
    assert any("[Education Endowment Foundation](https://" in m.text for m in graph)


def test_kialo_import_says_where_it_stumbles() -> None:
    text = (
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Fine.\n1.1.1. Maybe: no stance here.\n"
        "1.2. Con: -> See 1.9.\n1.3.4. Con: orphan text\n"
    )
    argmap, notes = importer("kialo")(text, "d.txt")
    got = [(n.where, n.code) for n in notes]
    assert ("5:8", "no-stance") in got
    assert ("6:11", "unknown-claim") in got
    assert ("7:1", "missing-parent") in got
    result = load_map_text(dump_map(argmap))
    assert result.graph is not None
    # 1.3.4. has no parent 1.3.: it hangs under the thesis, as the opposition's claim.
    assert [(c.side, c.text) for c in argmap.claims][-1] == ("con", "orphan text")


def test_kialo_export_lines() -> None:
    text, warnings = exporter("kialo")(graph_of(), None)
    lines = text.splitlines()
    assert lines[:3] == [
        "Discussion Title: School uniforms",
        "",
        "1. This house would require uniforms in state schools.",
    ]
    assert "1.1.1. Pro: Branded clothing marks out poorer pupils \\(for teasing\\)." in lines
    # O1 attacks G1 too: Kialo writes it in full at its first place, under G1, and its
    # own place as a root claim points back to it.
    assert "1.1.5. Con: Uniforms cost families money they do not have." in lines
    assert lines[-1] == "1.2. Con: -> See 1.1.5."
    assert "1.1.4. Con: Bullying just moves to other markers:" in lines
    assert lines[lines.index("1.1.4. Con: Bullying just moves to other markers:") + 1] == (
        "shoes, phones and bags."
    )
    assert "Kialo has no undercut: 1 undercuts exported as Con" in warnings
    assert "Kialo cannot hold evidence cards: 2 dropped" in warnings
    assert "Kialo cannot hold outweigh links: 1 dropped" in warnings


def test_kialo_escapes_what_would_change_the_reading() -> None:
    data = {
        "argmap": 1,
        "title": "T",
        "claims": [
            {"side": "pro", "text": "-> See 1.1.", "premises": [{"text": "Pro: (a)\n1.2. b\\"}]}
        ],
    }
    graph = load_map_text(yaml.safe_dump(data)).graph
    assert graph is not None
    text, _ = exporter("kialo")(graph, None)
    assert "1.1. Pro: \\-> See 1.1." in text
    assert "1.1.1. Pro: Pro\\: \\(a\\)\n1.2\\. b\\\\" in text
    back, notes = importer("kialo")(text, "t.txt")
    assert notes == []
    assert back.claims[0].text == "-> See 1.1."
    assert back.claims[0].premises[0].text == "Pro: (a)\n1.2. b\\"


# -- AIF ------------------------------------------------------------------------------


def test_aif_import_of_an_ova_analysis() -> None:
    graph, notes = import_file("ova-analysis.json", "aif")
    by_text = {m.text: m for m in graph}
    cars = by_text["Cars cause most of the air pollution in city centres"]
    officer = by_text["The city's environmental officer says so"]
    assert officer.parent == cars.id and cars.node.scheme == "expert-opinion"
    assert officer.node.scheme is None  # the scheme is the inference into the conclusion
    # A CA pointing at an RA is an undercut of that support.
    cut = by_text["The officer was appointed by the mayor who proposed the ban"]
    assert cut.parent == officer.id and cut.attack is not None and cut.attack.value == "undercut"
    # Linked premises share one RA: a co-premise group.
    gain = by_text["Shops would in fact gain customers"]
    assert len({graph[p].node.group for p in gain.premises}) == 1
    assert graph[gain.premises[0]].node.group is not None
    # A preference is outweighing; its side opposes what it outweighs.
    clean = by_text["Clean air matters more than shop takings"]
    shops = by_text["Shops in the centre would lose customers"]
    assert clean.node.outweighs == [shops.id]
    assert clean.side.value == "pro" and shops.side.value == "con"
    skipped = [w for w, code, _ in notes if code == "skipped-nodes"]
    assert skipped == ["/AIF/nodes/17", "/AIF/nodes/18", "/AIF/nodes/19", "/AIF/nodes/20"]
    messages = " ".join(m for _, _, m in notes)
    assert "2 locutions skipped" in messages and "1 rephrases skipped" in messages


def test_aif_import_of_an_aifdb_nodeset() -> None:
    graph, notes = import_file("aifdb-nodeset.json", "aif")
    assert graph.map.motion == (
        "The government should fund free school meals for all primary pupils"
    )
    assert [(graph[r].side.value) for r in graph.roots] == ["pro", "con"]
    codes = {(w, c) for w, c, _ in notes}
    assert ("/nodes/8", "unknown-scheme") in codes
    assert ("/edges/8", "unknown-node") in codes
    assert ("/nodes/9", "skipped-nodes") in codes


def test_aif_export_is_an_ova3_document() -> None:
    text, warnings = exporter("aif")(graph_of(), None)
    document = json.loads(text)
    nodes = {n["nodeID"]: n for n in document["AIF"]["nodes"]}
    edges = [(e["fromID"], e["toID"]) for e in document["AIF"]["edges"]]
    kinds = [n["type"] for n in nodes.values()]
    assert set(kinds) == {"I", "RA", "CA", "PA"}
    assert kinds.count("I") == len(graph_of()) + 1  # every node and the motion
    # Premises never link to conclusions directly: no edge joins two I-nodes.
    assert not any(nodes[s]["type"] == nodes[t]["type"] == "I" for s, t in edges)
    # The undercut is a CA pointing at the RA of the support it cuts.
    [head] = [i for i, n in nodes.items() if n["text"].startswith("Head teachers report")]
    [head_ra] = [t for s, t in edges if s == head]
    assert any(nodes[s]["type"] == "CA" and t == head_ra for s, t in edges)
    # A scheme says how a node's premises support it: it names the RA into the node,
    # so the scheme of a node without premises has no inference to name.
    assert nodes[head_ra]["text"] == "Default Inference"
    assert (
        "AIF keeps a scheme on the inference from a node's premises: 1 schemes of nodes "
        "without premises dropped" in warnings
    )
    # OVA draws only nodes and edges listed in its layout block.
    assert len(document["OVA"]["nodes"]) == len(nodes)
    assert len(document["OVA"]["edges"]) == len(edges)
    assert "AIF cannot hold evidence cards: 2 dropped" in warnings


# -- Markdown and JSON ----------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


NASTY = [
    "<script>alert(1)</script>",
    "[click](http://evil.example)",
    "![img](http://evil.example/x.png)",
    "*bold* __under__ `code` ~~gone~~",
    "# not a heading",
    "1. not a list\n- nor this\n> nor a quote",
    "&amp; &lt;b&gt; | a | b |",
]


def test_markdown_outline_escapes_untrusted_text() -> None:
    data = {
        "argmap": 1,
        "title": "<b>Title</b>",
        "sides": {"pro": "[Gov](x)", "con": "*Opp*"},
        "claims": [
            {"side": "pro", "text": NASTY[0], "title": NASTY[1],
             "premises": [{"text": t} for t in NASTY[2:]]},
        ],
    }  # fmt: skip
    graph = load_map_text(yaml.safe_dump(data)).graph
    assert graph is not None
    text, _ = exporter("markdown")(graph, None)
    parser = _Tags()
    parser.feed(MarkdownIt().render(text))
    assert set(parser.tags) <= {"h1", "h2", "p", "ul", "li", "strong", "code", "em", "br"}
    assert parser.tags.count("h1") == 1 and "a" not in parser.tags and "img" not in parser.tags
    shown = "".join(parser.text)
    for nasty in NASTY:
        for line in nasty.splitlines():
            assert line in shown, line


def test_markdown_outline_of_the_whole_map() -> None:
    text, warnings = exporter("markdown")(graph_of(), None)
    assert warnings == []
    assert text.startswith("# School uniforms\n\n**Motion:** This house would require")
    assert re.search(r"^## Government$", text, re.M) and re.search(r"^## Opposition$", text, re.M)
    assert "  - **Premise** \\[Government\\] `G1a`: Branded clothing" in text
    assert "    - **Undercut** \\[Opposition\\] `O3`: Head teachers have" in text
    assert "- **Undermine (turn)** \\[Government\\] `G2`" in text
    assert "- Evidence: Ofsted 2019, p. 12: “Pupils reported clothing" in text
    assert "  - Outweighs: `G1`" in text
    assert "- **Brunsma \\& Rockquemore 1998** (`brunsma`)" in text


def test_json_export_spells_out_the_resolved_map() -> None:
    graph = graph_of()
    text, warnings = exporter("json")(graph, None)
    document = json.loads(text)
    assert warnings == [] and document["shape"] == 1
    nodes = {n["id"]: n for n in document["nodes"]}
    assert list(nodes) == list(graph.nodes)
    assert nodes["O1.p1"]["explicit_id"] is False
    assert (nodes["O3"]["role"], nodes["O3"]["side"], nodes["O3"]["attack"]) == (
        "rebuttal",
        "con",
        "undercut",
    )
    assert nodes["G1a"]["evidence"][0]["label"] == "Ofsted 2019"
    assert {"source": "O1", "target": "G1", "relation": "outweigh", "attack": None,
            "group": None, "cross_link": True} in document["edges"]  # fmt: skip
    assert document["sources"]["brunsma"]["label"] == "Brunsma & Rockquemore 1998"


def test_every_registered_format_loads() -> None:
    graph = graph_of()
    for name in EXPORTS:
        text, _ = exporter(name)(graph, None)
        assert text.endswith("\n")
    for name in IMPORTS:
        assert callable(importer(name))


# -- commands -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_export_command_writes_a_file(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", str(UNIFORMS), "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = graph_of()
    assert out.read_text(encoding="utf-8") == exporter(fmt)(graph, evaluate(graph))[0]
    assert result.stdout == ""


def test_export_command_lists_losses_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", str(UNIFORMS), "--to", "kialo"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Discussion Title: School uniforms\n")
    assert "warning: Kialo has no undercut: 1 undercuts exported as Con" in result.stderr


def test_export_of_an_invalid_map_exits_one(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: T\nclaims:\n  - text: no side\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(bad), "--to", "json"])
    assert result.exit_code == 1
    assert "error[missing-side]" in result.stdout


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("kialo-discussion.txt", "kialo"),
        ("ova-analysis.json", "aif"),
        ("aifdb-nodeset.json", "aif"),
        ("voting-age.json", "argdown-json"),
        ("uniforms.argdown.json", "argdown-json"),
    ],
)
def test_import_command_writes_a_valid_map(
    runner: CliRunner, tmp_path: Path, name: str, fmt: str
) -> None:
    out = tmp_path / "imported.yaml"
    result = runner.invoke(app, ["import", str(HERE / name), "--from", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_map(out).ok
    for line in result.stderr.splitlines():
        # Notes point into the imported file; the new map's own warnings into the output.
        from_source = line.startswith(f"{HERE / name}:")
        assert from_source or (line.startswith(f"{out}:") and "warning[" in line), line


def test_import_command_to_stdout(runner: CliRunner) -> None:
    path = HERE / "kialo-discussion.txt"
    result = runner.invoke(app, ["import", str(path), "--from", "kialo"])
    assert result.exit_code == 0
    assert load_map_text(result.stdout).ok


@pytest.mark.parametrize(
    ("content", "fmt", "expected"),
    [
        ("{broken", "aif", ":1:2: error[unreadable]: not JSON"),
        ("Just some prose.\n", "kialo", ":1:1: error[unreadable]: no numbered claims"),
        ('{"statements": 3}', "argdown-json", ":/: error[unreadable]: not Argdown JSON"),
    ],
)
def test_import_of_the_wrong_file_exits_one(
    runner: CliRunner, tmp_path: Path, content: str, fmt: str, expected: str
) -> None:
    path = tmp_path / "input"
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "map.yaml"
    result = runner.invoke(app, ["import", str(path), "--from", fmt, "-o", str(out)])
    assert result.exit_code == 1
    assert f"{path}{expected}" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_outline_and_json_show_verdicts_when_given() -> None:
    from argmap.analysis import Status, Verdict

    verdicts = {"G1": Verdict(Status.CONTESTED, "attacked by O1", 0.4)}
    markdown, _ = exporter("markdown")(graph_of(), verdicts)
    assert "`G1` \u25d0 *contested*:" in markdown
    assert "`G1a` " not in markdown.replace("`G1a`:", "")  # no mark without a verdict
    document = json.loads(exporter("json")(graph_of(), verdicts)[0])
    [g1] = [n for n in document["nodes"] if n["id"] == "G1"]
    assert g1["status"] == {
        "status": "contested",
        "glyph": "\u25d0",
        "reason": "attacked by O1",
        "strength": 0.4,
    }
    assert all("status" not in n for n in document["nodes"] if n["id"] != "G1")
