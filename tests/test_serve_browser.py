"""`argmap serve` in a real browser: Debian's chromium driven by Playwright (never downloaded)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_support import CHROMIUM, CHROMIUM_ARGS, running_server

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (scripts/system-deps.sh)",
)

HERE = Path(__file__).parent
UPDATES = "window.argmapUpdates"

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield opened
    opened.close()
    assert errors == []


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "uniforms.yaml"
    shutil.copy(HERE / "fixtures" / "uniforms.yaml", path)
    return path


def node(page: Page, node_id: str):  # type: ignore[no-untyped-def]
    """The drawn node with this map id (Graphviz writes it as the node's <title>)."""
    return page.locator("#canvas g.node", has=page.locator(f"title:text-is('{node_id}')"))


def open_map(page: Page, base: str, name: str) -> int:
    page.goto(f"{base}/map/{name}")
    page.wait_for_function(f"{UPDATES} >= 1")
    return int(page.evaluate(UPDATES))


def saved(page: Page, path: Path, text: str) -> None:
    """Write the map as an editor would and wait until the page has drawn the save."""
    before = page.evaluate(UPDATES)
    path.write_text(text, encoding="utf-8")
    page.wait_for_function(f"{UPDATES} > {before}", timeout=15000)


def test_diagram_diagnostics_and_details(page: Page, map_file: Path) -> None:
    text = map_file.read_text().replace("fell by a fifth", "==fell by a fifth==")
    map_file.write_text(text)
    with running_server(map_file) as base:
        page.goto(base)  # one map: the index goes straight to it
        page.wait_for_function(f"{UPDATES} >= 1")
        assert page.locator("#canvas svg g.node").count() >= 12
        assert page.locator("#diagnostics li.warning").count() >= 1
        node(page, "P1").click()
        details = page.locator("#details")
        assert "Compulsory uniforms reduce bullying about clothes." in details.inner_text()
        assert "stands" in details.locator(".status").inner_text()
        assert "Strength" in details.inner_text()
        attacks = details.locator(".attacks").inner_text()
        assert "Uniforms curb self-expression\nanswered by" in attacks
        assert "Expression through clothes is what fuels the bullying" in attacks
        line = map_file.read_text().splitlines().index("  - id: P1") + 1
        link = details.locator(".place a")
        assert link.inner_text() == f"uniforms.yaml:{line}"
        assert link.get_attribute("href") == f"vscode://file{map_file.resolve()}:{line}"
        assert "selected" in (node(page, "P1").get_attribute("class") or "").split()
        # a card's quote, read-aloud marks and all
        node(page, "P1.e").click()
        assert details.locator(".card cite").inner_text() == "Dana Lee 2019"
        assert details.locator(".card blockquote mark").inner_text() == "fell by a fifth"
        assert details.locator(".card blockquote").inner_text().startswith("Reported bullying fell")
        # a diagnostic selects the node it is about
        page.locator("#diagnostics li.warning").first.click()
        assert page.locator("#canvas g.node.selected").count() == 1


def test_a_save_updates_in_place_keeping_zoom_and_selection(page: Page, map_file: Path) -> None:
    with running_server(map_file) as base:
        open_map(page, base, "uniforms.yaml")
        node(page, "P2").click()
        page.locator("#zoom-in").click()
        page.locator("#zoom-in").click()
        zoom = page.locator("#canvas").get_attribute("style")
        text = map_file.read_text()
        saved(page, map_file, text.replace("Uniforms save families money", "Uniforms cut costs"))
        assert "Uniforms cut costs" in (page.locator("#canvas svg").text_content() or "")
        assert page.locator("#canvas").get_attribute("style") == zoom
        assert page.locator("#details h2").inner_text().endswith("Uniforms cut costs")
        assert page.locator("#canvas g.node.selected title").text_content() == "P2"

        # an invalid save: its diagnostic over the last good drawing
        saved(
            page, map_file, text.replace("    side: pro\n    title: Uniforms cut", "    side: [\n")
        )
        assert page.locator("#stale").is_visible()
        assert "uniforms.yaml:" in page.locator("#stale li").first.inner_text()
        errors = page.locator("#diagnostics li.error")
        assert errors.count() >= 1 and "uniforms.yaml:" in errors.first.inner_text()
        assert page.locator("#canvas svg g.node").count() >= 12
        assert page.locator("#canvas").get_attribute("style") == zoom

        # and the next good save draws again
        saved(page, map_file, text)
        assert not page.locator("#stale").is_visible()
        assert "Uniforms save families money" in (page.locator("#canvas svg").text_content() or "")
        assert page.locator("#canvas g.node.selected title").text_content() == "P2"


def test_map_text_is_never_markup(page: Page, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    shutil.copy(HERE / "maps" / "hostile.yaml", path)
    with running_server(path) as base:
        open_map(page, base, "hostile.yaml")
        node(page, "H1").click()
        assert "<script>alert('tag')</script>" in page.locator("#details h2").inner_text()
        node(page, "H1.p1").click()
        assert (
            page.locator("#details blockquote").inner_text() == "<q>nested</q> \"quoted\" 'single'"
        )
        # the page's own script only: nothing of the map became an element
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert page.evaluate("document.querySelectorAll('#details *:is(q, b, i, img)').length") == 0
        page.goto(f"{base}/map/hostile.yaml/brief/pro")
        assert page.evaluate("document.querySelectorAll('script').length") == 0


def test_a_folder_has_an_index_and_traversal_is_refused(page: Page, tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(HERE / "fixtures" / "uniforms.yaml", folder / "a.yaml")
    (folder / "b.yaml").write_text("argmap: 1\nclaims: [\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("password: hunter2\n", encoding="utf-8")
    with running_server(folder) as base:
        page.goto(base)
        assert page.locator("#maps li").count() == 2
        assert "has errors" in page.locator("#maps li", has_text="b.yaml").inner_text()
        page.locator("#maps a", has_text="a.yaml").click()
        page.wait_for_function(f"{UPDATES} >= 1")
        assert page.locator("#canvas svg g.node").count() >= 12
        for target in ("/map/..%2fsecret.yaml", "/static/..%2f..%2fsecret.yaml"):
            response = page.goto(base + target)
            assert response is not None and response.status == 404
            assert "hunter2" not in page.content()
