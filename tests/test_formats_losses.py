"""Interchange without silent losses (issue 17): each loss found on real files, fixed or
reported with its place, and malformed input refused with one located error.

The Argdown and Kialo files here are look-alikes written for these tests in the layout
of real files (see tests/interchange/README.md); `populism-like.argdown.json` is what
`argdown json` (@argdown/cli 1.7.5) writes for `populism-like.argdown`.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats import exporter, importer
from argmap.formats.base import ImportFailed
from argmap.graph import MapGraph
from argmap.validate import load_map_text
from argmap.write import dump_map

HERE = Path(__file__).parent / "interchange"


def resolve(data: dict[str, Any]) -> MapGraph:
    graph = load_map_text(yaml.safe_dump(data, allow_unicode=True)).graph
    assert graph is not None
    return graph


def imported(fmt: str, text: str, file: str) -> tuple[MapGraph, list[tuple[str, str]]]:
    argmap, notes = importer(fmt)(text, file)
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    return result.graph, [(n.where, n.code) for n in notes]


def by_text(graph: MapGraph, start: str) -> Any:
    [found] = [m for m in graph if m.text.startswith(start)]
    return found


# -- Argdown ---------------------------------------------------------------------------


def populism() -> tuple[MapGraph, list[tuple[str, str]]]:
    path = HERE / "populism-like.argdown.json"
    return imported("argdown-json", path.read_text(encoding="utf-8"), str(path))


def test_argdown_links_stay_markdown_links() -> None:
    graph, _ = populism()
    node = by_text(graph, "Populist movements")
    assert "[host ideologies](https://example.org/host-ideology)" in node.text


def test_argdown_titles_are_kept_as_written_with_ids_derived() -> None:
    graph, _ = populism()
    vital = by_text(graph, "Populist movements")
    assert vital.node.title == "Vitalitäts-Argument" and vital.id == "Vitalit-ts-Argument"
    quoted = by_text(graph, "Some populist parties")
    assert quoted.node.title == '"Genderism"'
    # ... so a re-export names the arguments as the source did.
    text, _ = exporter("argdown")(graph, None)
    assert "<Vitalitäts-Argument>:" in text and '<"Genderism">:' in text


def test_argdown_headings_and_prose_are_warned_not_made_claims() -> None:
    graph, notes = populism()
    assert len(graph) == 4  # three arguments and the undercut; the prose is no claim
    assert ("/statements/Untitled 1 (line 7)", "prose") in notes
    assert ("/sections/0 (line 5)", "heading") in notes
    assert ("/sections/0/children/0 (line 14)", "heading") in notes


def test_argdown_keep_prose_makes_notes(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(
        app,
        [
            "import",
            str(HERE / "populism-like.argdown.json"),
            "--from",
            "argdown-json",
            "--keep-prose",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load(out.read_text(encoding="utf-8"))["claims"]
    assert claims[0]["notes"].startswith("# Populism\n\nPopulism is a thin ideology")
    assert claims[2]["notes"] == "## Second thoughts\n\nMore prose that is only commentary."
    wrong = CliRunner().invoke(
        app, ["import", str(HERE / "kialo-current.txt"), "--from", "kialo", "--keep-prose"]
    )
    assert wrong.exit_code == 2


def test_undercut_of_a_root_claim_survives_an_import() -> None:
    """Argdown's undercut of an argument that attacks the thesis cuts its inference to
    the motion: argmap's undercut of a root claim (cut off from the motion)."""
    graph, notes = populism()
    cut = by_text(graph, "A programme does not")
    assert cut.attack is not None and cut.attack.value == "undercut"
    assert graph[str(cut.parent)].parent is None  # under a root claim
    assert not any(code.startswith("undercut") for _, code in notes)


@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_undercut_of_a_root_claim_round_trips(fmt: str) -> None:
    data = {
        "argmap": 1,
        "title": "T",
        "motion": "The motion.",
        "claims": [
            {
                "id": "R",
                "side": "pro",
                "text": "Root.",
                "rebuttals": [{"id": "U", "text": "Beside the motion.", "attack": "undercut"}],
            },
            {"id": "C", "side": "con", "text": "Against."},
        ],
    }
    graph = resolve(data)
    text, warnings = exporter(fmt)(graph, None)
    assert not any("undercut" in w for w in warnings)
    if fmt == "argdown":
        assert "    _ <U>: Beside the motion. #con" in text.splitlines()
        return  # the JSON reading is covered by the Populism file above
    back, notes = imported("aif", text, "t.aif.json")
    assert by_text(back, "Beside").attack.value == "undercut"
    assert notes == []


def escaped(text: str) -> str:
    graph = resolve({"argmap": 1, "title": "T", "claims": [{"side": "pro", "text": text}]})
    out, _ = exporter("argdown")(graph, None)
    return next(line for line in out.splitlines() if "<claim-1>" in line).split(">: ", 1)[1]


def test_argdown_escapes_every_dot_that_could_open_a_shortcode() -> None:
    # Each was read back unchanged by `argdown json` (1.7.5); see also the CLI round
    # trip in test_formats_argdown.py.
    assert escaped("U.S.A.").startswith("U\\.S\\.A. #pro")
    assert escaped("doi 10.1000/x.y and www.example.com:8080").startswith(
        "doi 10\\.1000/x\\.y and www\\.example\\.com\\:8080 #pro"
    )


def test_argdown_export_keeps_a_titled_nodes_id() -> None:
    graph = resolve(
        {
            "argmap": 1,
            "title": "T",
            "motion": "M.",
            "claims": [
                {"id": "U1", "side": "pro", "title": "Uniforms raise attendance", "text": "X."}
            ],
        }
    )
    text, _ = exporter("argdown")(graph, None)
    assert '<Uniforms raise attendance>: X. #pro {id: "U1"}' in text


def test_no_thesis_is_invented_for_a_map_without_motion() -> None:
    graph = resolve(
        {
            "argmap": 1,
            "title": "analysis",
            "claims": [
                {"id": "A", "side": "pro", "text": "First."},
                {"id": "B", "side": "pro", "text": "Second."},
            ],
        }
    )
    aif, _ = exporter("aif")(graph, None)
    nodes = json.loads(aif)["AIF"]["nodes"]
    assert [n["text"] for n in nodes] == ["First.", "Second."]  # no I-node "analysis"
    argdown, _ = exporter("argdown")(graph, None)
    assert "[analysis]" not in argdown and "<A>: First. #pro" in argdown


# -- AIF -------------------------------------------------------------------------------


def test_aif_scheme_is_on_the_inference_into_the_node() -> None:
    graph = resolve(
        {
            "argmap": 1,
            "title": "T",
            "motion": "M.",
            "claims": [
                {
                    "id": "C",
                    "side": "pro",
                    "text": "Claim.",
                    "scheme": "expert-opinion",
                    "premises": [{"id": "P", "text": "An expert says so."}],
                }
            ],
        }
    )
    text, warnings = exporter("aif")(graph, None)
    aif = json.loads(text)["AIF"]
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    [premise] = [i for i, n in nodes.items() if n["text"] == "An expert says so."]
    [ra] = [e["toID"] for e in aif["edges"] if e["fromID"] == premise]
    assert nodes[ra]["text"] == "Argument from expert opinion"
    assert not any("scheme" in w for w in warnings)
    back, _ = imported("aif", text, "t.json")
    assert by_text(back, "Claim").node.scheme == "expert-opinion"
    assert by_text(back, "An expert").node.scheme is None


def test_aif_file_title_drops_both_suffixes_and_empty_text_is_named() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "Claim."},
            {"nodeID": "2", "type": "I", "text": ["list"]},
            {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
    }
    argmap, notes = importer("aif")(json.dumps(data), "dir/x.aif.json")
    assert argmap.title == "x"
    assert ("/nodes/1", "not-text") in [(n.where, n.code) for n in notes]
    assert "(no text)" not in dump_map(argmap) and "['list']" not in dump_map(argmap)


def test_cli_prints_no_empty_location(tmp_path: Path) -> None:
    bad = tmp_path / "file.json"
    bad.write_text('{"nodes": 1, "edges": []}', encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(bad), "--from", "aif"])
    assert result.exit_code == 1
    assert f"{bad}: error[unreadable]" in result.output and "::" not in result.output


# -- Kialo -----------------------------------------------------------------------------


def test_kialo_current_layout_is_read_claim_by_claim() -> None:
    path = HERE / "kialo-current.txt"
    graph, notes = imported("kialo", path.read_text(encoding="utf-8"), str(path))
    assert graph.map.title == "Should cities ban cars from their centres?"
    assert graph.map.motion == "Cities should ban private cars from their centres."
    assert len(graph) == 6  # every numbered claim but the thesis and the '-> See' line
    air = by_text(graph, "Car-free centres")
    assert air.text == "Car-free centres have cleaner air [1]."
    assert [e.source for e in air.node.evidence] == ["kialo-1"]
    assert graph.map.sources["kialo-1"].url == (
        "https://www.eea.europa.eu/en/topics/in-depth/air-pollution"
    )
    delivery = by_text(graph, "Delivery traffic")
    assert delivery.text.endswith("exemptions.\nIt cannot be total.")
    assert delivery.parent == by_text(graph, "Most pollution").id
    assert delivery.node.supports == [by_text(graph, "Shops in the centre").id]
    assert notes == []  # a Con before a Pro is kept in that order


def test_kialo_links_survive_a_round_trip_as_kialo_writes_them() -> None:
    path = HERE / "kialo-current.txt"
    graph, _ = imported("kialo", path.read_text(encoding="utf-8"), str(path))
    text, _ = exporter("kialo")(graph, None)
    assert "see the [city's report](https://stad.gent/en/mobility)." in text
    assert "children \\(and for everyone else\\)" in text
    back, _ = imported("kialo", text, "back.txt")
    assert [m.text for m in back] == [m.text for m in graph]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Discussion Name: X\n\n1. Thesis:\nT\n  1.1. Pro:\n  A\n2.1. Con: stray\n", "7:1"),
        ("just prose\nand more\n", "1:1"),
    ],
)
def test_kialo_refuses_what_it_cannot_parse(text: str, where: str) -> None:
    with pytest.raises(ImportFailed) as failed:
        importer("kialo")(text, "d.txt")
    assert failed.value.note.where == where


# -- malformed input: one located error, never a traceback ------------------------------


def deep_kialo(levels: int) -> str:
    lines = ["1. Thesis."]
    number = "1"
    for _ in range(levels):
        number += ".1"
        lines.append(f"{number}. Pro: deeper")
    return "\n".join(lines) + "\n"


def deep_aif(levels: int) -> str:
    nodes = [{"nodeID": "0", "type": "I", "text": "top"}]
    edges = []
    for i in range(1, levels + 1):
        nodes += [
            {"nodeID": str(i), "type": "I", "text": f"n{i}"},
            {"nodeID": f"ra{i}", "type": "RA", "text": "Default Inference"},
        ]
        edges += [
            {"fromID": str(i), "toID": f"ra{i}"},
            {"fromID": f"ra{i}", "toID": str(i - 1)},
        ]
    return json.dumps({"nodes": nodes, "edges": edges})


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("argdown-json", '{"statements": {}, "arguments": []}'),
        ("argdown-json", '{"statements": {}, "relations": {}}'),
        ("argdown-json", "[" * 100_000 + "]" * 100_000),
        ("aif", "[" * 100_000 + "]" * 100_000),
        ("kialo", deep_kialo(3000)),
        ("aif", deep_aif(300)),
    ],
    ids=["arguments-list", "relations-object", "argdown-deep", "aif-deep", "kialo", "aif-chain"],
)
def test_malformed_imports_fail_with_one_located_error(fmt: str, text: str, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "--from", fmt, "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "error[" in line]
    assert len(errors) == 1 and errors[0].startswith(f"{source}:")
    assert "Traceback" not in result.output and not out.exists()


def test_a_chain_as_deep_as_a_map_may_be_imports() -> None:
    graph, _ = imported("aif", deep_aif(90), "chain.json")
    assert len(graph) == 90  # the top I-node is the motion


ARGDOWN = Path(__file__).parent.parent / "benchmarks/argdown/node_modules/.bin/argdown"
DOTTED = [
    "The U.S.A. and the U.K. signed it.",
    "doi:10.1000/xyz.abc.123 and https://www.example.com:8080/a.b",
    "e.g.: .A. .~. :smile: :+1: a..b v1.2:3.4 end.A.",
    "Dr.:x: 1.2.3.4 ::a:: .a.b. x.\\y",
]


@pytest.mark.skipif(
    not ARGDOWN.exists(),
    reason="needs the Argdown CLI (run benchmarks/bench_argdown.py once to install it)",
)
def test_dotted_texts_round_trip_through_the_real_argdown_cli(tmp_path: Path) -> None:
    claims = [{"side": "pro", "text": text} for text in DOTTED]
    graph = resolve({"argmap": 1, "title": "Dots", "motion": "M.", "claims": claims})
    source = tmp_path / "dots.argdown"
    source.write_text(exporter("argdown")(graph, None)[0], encoding="utf-8")
    subprocess.run([str(ARGDOWN), "json", str(source), str(tmp_path)], check=True)
    back, _ = imported("argdown-json", (tmp_path / "dots.json").read_text("utf-8"), "d.json")
    assert [m.text for m in back] == DOTTED
