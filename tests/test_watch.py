"""`render --watch` and `brief --watch`: real processes that write again on every save."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from serve_support import stop

FIXTURES = Path(__file__).parent / "fixtures"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@contextmanager
def watching(args: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args, "--watch"], stdout=out, stderr=out
        )
        try:
            yield process
        finally:
            stop(process)


def test_render_watch_draws_again_after_each_save(tmp_path: Path) -> None:
    path, out, log = tmp_path / "map.yaml", tmp_path / "map.svg", tmp_path / "log.txt"
    shutil.copy(FIXTURES / "uniforms.yaml", path)
    text = path.read_text()
    with watching(["render", str(path), "-o", str(out)], log) as process:
        wait_for(lambda: "watching for saves" in log.read_text(), "the first drawing")
        assert "Uniforms save families money" in out.read_text()
        path.write_text(text.replace("Uniforms save families money", "Uniforms cut costs"))
        wait_for(lambda: "Uniforms cut costs" in out.read_text(), "the drawing of the save")
        path.write_text(text.replace("side: pro\n    title: Uniforms cut", "side: [\n"))
        wait_for(lambda: f"{path}:" in log.read_text(), "the invalid save's diagnostic")
        assert process.poll() is None  # an invalid save does not end the watch
        assert "Uniforms cut costs" in out.read_text()  # and leaves the last drawing


def test_brief_watch_writes_the_sheets_again(tmp_path: Path) -> None:
    path, log = tmp_path / "map.yaml", tmp_path / "log.txt"
    shutil.copy(FIXTURES / "uniforms.yaml", path)
    sheet = tmp_path / "out" / "map-pro.html"
    with watching(["brief", str(path), "-o", f"{tmp_path / 'out'}/", "--no-diagram"], log):
        wait_for(lambda: "watching for saves" in log.read_text(), "the first sheets")
        assert "Uniforms cut bullying" in sheet.read_text()
        path.write_text(path.read_text().replace("Uniforms cut bullying", "Uniforms stop teasing"))
        wait_for(lambda: "Uniforms stop teasing" in sheet.read_text(), "the sheet of the save")


def test_wrong_usage_ends_the_watch_at_once(tmp_path: Path) -> None:
    path, log = tmp_path / "map.yaml", tmp_path / "log.txt"
    shutil.copy(FIXTURES / "uniforms.yaml", path)
    with watching(["render", str(path), "--focus", "nowhere"], log) as process:
        assert process.wait(timeout=30) == 2
    assert "no node 'nowhere'" in log.read_text()
