"""Progress on a terminal for the slow steps of `brief` and `render`, and none anywhere else.

The terminal is a real pseudo-terminal (pty) on the command's standard error; its
standard output stays a pipe, where the written paths must still arrive.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

MAP = Path(__file__).parent.parent / "maps" / "school-uniforms.yaml"
_CONTROL = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _on_a_terminal(*args: str) -> tuple[str, str]:
    """Run argmap with stderr on a pty; its stdout and what the terminal showed."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TTY_", "NO_COLOR"))}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            pytest.fail("no output on the terminal for 60 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command exited and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.stdout is not None
    out = process.stdout.read().decode()
    assert process.wait(timeout=60) == 0, shown
    return out, _CONTROL.sub(b"", shown).decode(errors="replace")


def test_brief_shows_its_steps_on_a_terminal(tmp_path: Path) -> None:
    out, shown = _on_a_terminal("brief", str(MAP), "-f", "html", "-o", f"{tmp_path}/")
    assert f"reading {MAP.name}" in shown
    assert "pro sheet: laying out" in shown and "con sheet: laying out" in shown
    assert "3/3" in shown or "2/3" in shown  # the count of steps
    # the paths written still go to stdout, though a bar was on the terminal
    assert sorted(Path(line).name for line in out.splitlines()) == [
        "school-uniforms-con.html",
        "school-uniforms-pro.html",
    ]


def test_brief_pdf_shows_the_pdf_writing(tmp_path: Path) -> None:
    out, shown = _on_a_terminal(
        "brief", str(MAP), "-f", "pdf", "--side", "pro", "-o", f"{tmp_path}/"
    )
    assert "pro sheet: laying out" in shown
    assert "pro sheet: writing the PDF" in shown
    assert (tmp_path / "school-uniforms-pro.pdf").read_bytes().startswith(b"%PDF")
    assert out.strip().endswith("school-uniforms-pro.pdf")


def test_render_shows_what_it_draws_on_a_terminal(tmp_path: Path) -> None:
    out, shown = _on_a_terminal("render", str(MAP), "-f", "dot", "--no-atlas", "-o", "-")
    assert f"drawing {MAP.name}" in shown
    assert out.startswith("digraph")  # `-o -` output is never sent to the bar's terminal
    assert "digraph" not in shown


def test_no_progress_where_stderr_is_no_terminal(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(MAP), "-f", "html", "-o", f"{tmp_path}/"])
    assert result.exit_code == 0, result.output
    assert "laying out" not in result.output and "reading" not in result.output
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "brief", str(MAP), "-f", "md", "-o", f"{tmp_path}/"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    assert "school-uniforms-pro.md" in done.stdout
