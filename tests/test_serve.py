"""`argmap serve` over HTTP (no browser): state, details, briefs, traversal, `--host`."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.serve import is_loopback
from serve_support import raw_get, running_server

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder of one map, with a secret file beside (outside) it, served."""
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(FIXTURES / "uniforms.yaml", folder / "uniforms.yaml")
    (tmp_path / "secret.yaml").write_text("password: hunter2\n", encoding="utf-8")
    with running_server(folder) as base:
        yield base, folder


def get_json(url: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def test_state_has_drawing_details_and_diagnostics(served: tuple[str, Path]) -> None:
    base, folder = served
    state = get_json(f"{base}/map/uniforms.yaml/state")
    assert state["valid"] and not state["stale"]
    assert "<svg" in state["svg"] and "<title>P1</title>" in state["svg"]
    p1 = state["nodes"]["P1"]
    assert p1["text"] == "Compulsory uniforms reduce bullying about clothes."
    assert p1["status"] == "stands" and p1["reason"] and 0 <= p1["strength"] <= 1
    line = next(
        n
        for n, text in enumerate((folder / "uniforms.yaml").read_text().splitlines(), 1)
        if "id: P1" in text
    )
    assert p1["place"] == f"uniforms.yaml:{line}"
    assert p1["link"] == f"vscode://file{(folder / 'uniforms.yaml').resolve()}:{line}"
    # C1 attacks P1 and P3 answers C1 with a turn
    attacks = {a["id"]: a for a in p1["attacks"]}
    assert "C1" in attacks and [x["id"] for x in attacks["C1"]["answers"]] == ["P3"]
    assert state["nodes"]["P1.e"]["cards"][0]["cite"] == "Dana Lee 2019"
    # the diagnostics are those of `argmap check`, each placed on a node
    codes = {d["code"] for d in state["diagnostics"]}
    assert codes and all(d["node"] in state["nodes"] for d in state["diagnostics"])
    assert [v["id"] for v in state["views"]] == ["", "P1", "P2", "C1"]
    one = get_json(f"{base}/map/uniforms.yaml/state?view=C1")
    assert "<title>C1</title>" in one["svg"] and "<title>P1.e</title>" not in one["svg"]


def test_index_lists_the_maps_and_briefs_are_served(served: tuple[str, Path]) -> None:
    base, _ = served
    status, body = raw_get(base, "/")
    assert status == 200 and b'href="/map/uniforms.yaml"' in body
    for side in ("pro", "con"):
        status, body = raw_get(base, f"/map/uniforms.yaml/brief/{side}")
        assert status == 200 and b"Uniforms cut bullying" in body
    assert raw_get(base, "/map/uniforms.yaml/brief/neither")[0] == 404


@pytest.mark.parametrize(
    "target",
    [
        "/../../etc/passwd",
        "/../secret.yaml",
        "/static/../../../../etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/map/..%2fsecret.yaml",
        "/map/..%2fsecret.yaml/state",
        "/map/%2e%2e%2fsecret.yaml/state",
        "/map/..%252fsecret.yaml/state",
        "/map/uniforms.yaml/../../secret.yaml",
        "/map/uniforms.yaml/brief/..%2f..%2fsecret.yaml",
        "/static/serve.py",
        "/static/__init__.py",
    ],
)
def test_paths_outside_the_views_are_refused(served: tuple[str, Path], target: str) -> None:
    status, body = raw_get(served[0], target)
    assert status in {400, 404}
    assert b"hunter2" not in body and b"root:" not in body


def test_host_other_than_loopback_warns(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(
        "argmap.serve.serve", lambda paths, host, port, o: calls.append((host, port))
    )
    path = tmp_path / "m.yaml"
    shutil.copy(FIXTURES / "uniforms.yaml", path)
    loud = CliRunner().invoke(app, ["serve", str(path), "--host", "192.0.2.7", "--no-open"])
    assert loud.exit_code == 0 and "warning: serving on 192.0.2.7" in loud.output
    quiet = CliRunner().invoke(app, ["serve", str(path), "--no-open"])
    assert quiet.exit_code == 0 and "warning" not in quiet.output
    assert calls == [("192.0.2.7", 8765), ("127.0.0.1", 8765)]
    assert is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copy(FIXTURES / "uniforms.yaml", path)
    with running_server(path) as base:
        port = base.rsplit(":", 1)[1]
        result = CliRunner().invoke(app, ["serve", str(path), "--port", port, "--no-open"])
    assert result.exit_code == 1
    assert f"error: cannot serve on 127.0.0.1:{port}" in result.output
