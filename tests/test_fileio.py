"""Disk handling shared by every command: locked parallel edits, links, special files.

The parallel test starts real processes at once: a command that reports a write must
have written, and one that did not must say so.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.fileio import FileRefused, read_limited, write_atomic
from argmap.load import load_file
from argmap.validate import load_map
from conftest import run

FIXTURE = Path(__file__).parent / "fixtures" / "uniforms.yaml"
ARGMAP = [sys.executable, "-m", "argmap"]


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    shutil.copy(FIXTURE, path)
    return path


def test_parallel_adds_lose_no_reported_write(mapfile: Path) -> None:
    count = 24
    env = {**os.environ, "ARGMAP_LOCK_TIMEOUT": "120"}
    procs = [
        subprocess.Popen(
            [*ARGMAP, "add", str(mapfile), "-u", "P1", "-p", f"Concurrent premise number {n}."],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(count)
    ]
    results = [(n, *p.communicate(timeout=300), p.returncode) for n, p in enumerate(procs)]
    text = mapfile.read_text()
    assert load_map(mapfile).ok
    ids = []
    for n, _, err, code in results:
        if code == 0:
            found = re.search(r"added premise (\S+) under P1", err)
            assert found, err
            ids.append(found.group(1))
            assert f"Concurrent premise number {n}." in text
        else:  # a refusal says so, and what to do
            assert code == 1 and "run again" in err, err
            assert f"Concurrent premise number {n}." not in text
    assert len(ids) == len(set(ids)), "two processes reported the same new id"
    assert len(ids) == count, "with a long enough wait every edit queues and succeeds"


def test_a_held_lock_times_out_with_a_clear_message(
    runner: CliRunner, mapfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_LOCK_TIMEOUT", "0.2")
    before = mapfile.read_bytes()
    fd = os.open(mapfile, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        code, _, err = run(runner, "set", mapfile, "P1", "notes", "x")
        assert code == 1
        assert err.startswith(f"error: {mapfile} is being edited by another argmap process")
        assert "run again" in err and len(err.splitlines()) == 1
        code, _, err = run(runner, "fmt", mapfile)
        assert code == 1 and "being edited by another argmap process" in err
    finally:
        os.close(fd)
    assert mapfile.read_bytes() == before
    assert run(runner, "set", mapfile, "P1", "notes", "x")[0] == 0


def test_a_waiting_edit_goes_on_when_the_lock_is_released(runner: CliRunner, mapfile: Path) -> None:
    fd = os.open(mapfile, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    timer = threading.Timer(0.3, os.close, [fd])
    timer.start()
    code, _, err = run(runner, "set", mapfile, "P1", "notes", "waited")
    timer.join()
    assert code == 0, err
    assert "notes: waited" in mapfile.read_text()


def test_fmt_does_not_overwrite_a_change_made_while_it_runs(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.edit import canonical

    path = tmp_path / "untidy.yaml"
    path.write_text("title: T\nargmap: 1\n")
    real = canonical.canonical_text

    def meanwhile(text: str) -> str:
        path.write_text(path.read_text() + "# edited elsewhere\n")
        return real(text)

    monkeypatch.setattr(canonical, "canonical_text", meanwhile)
    code, _, err = run(runner, "fmt", path)
    assert code == 1 and "changed on disk" in err
    assert path.read_text().endswith("# edited elsewhere\n")


def test_edit_through_a_symlink_changes_the_real_file(runner: CliRunner, mapfile: Path) -> None:
    link = mapfile.parent / "link.yaml"
    link.symlink_to(mapfile.name)
    assert run(runner, "set", link, "P1", "notes", "via link")[0] == 0
    assert link.is_symlink()
    assert "notes: via link" in mapfile.read_text()


def test_edit_keeps_hard_links_and_mode(runner: CliRunner, mapfile: Path) -> None:
    other = mapfile.parent / "other.yaml"
    os.link(mapfile, other)
    mapfile.chmod(0o640)
    assert run(runner, "set", mapfile, "P1", "notes", "linked")[0] == 0
    assert mapfile.samefile(other)
    assert "notes: linked" in other.read_text()
    assert mapfile.stat().st_mode & 0o777 == 0o640


def test_write_atomic_keeps_the_mode_of_a_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("old")
    path.chmod(0o600)
    write_atomic(path, "new")
    assert path.read_text() == "new" and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_write_atomic_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(5)
    assert got == [b"through the pipe"]
    assert fifo.is_fifo()


def test_a_read_only_map_is_not_edited(runner: CliRunner, mapfile: Path) -> None:
    before = mapfile.read_bytes()
    mapfile.chmod(0o444)
    code, _, err = run(runner, "set", mapfile, "P1", "notes", "x")
    assert code == 1 and "read-only" in err and "chmod u+w" in err
    assert mapfile.read_bytes() == before


def test_reads_refuse_special_files_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # no writer: reading it would hang
    loaded = load_file(fifo)
    assert [d.code for d in loaded.diagnostics] == ["unreadable"]
    assert "not a regular file" in loaded.diagnostics[0].message
    assert [d.code for d in load_file(Path("/dev/zero")).diagnostics] == ["unreadable"]


def test_read_limit_counts_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    with pytest.raises(FileRefused, match="limited to 99 bytes"):
        read_limited(path, 99)


def test_validate_of_a_fifo_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, out, _ = run(runner, "validate", fifo)
    assert code == 1
    assert out.splitlines() == [
        f"{fifo}:1:1: error[unreadable]: cannot read file: not a regular file "
        "(a FIFO, device or folder); give a map file"
    ]


# --- outputs ---------------------------------------------------------------------------------


def test_dash_is_standard_output_for_every_text_command(
    runner: CliRunner, mapfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(runner, "export", mapfile, "--to", "json", "-o", "-")
    assert code == 0 and out.startswith("{")
    code, out, _ = run(runner, "schema", "-o", "-")
    assert code == 0 and '"$schema"' in out
    kialo = tmp_path / "k.txt"
    assert run(runner, "export", mapfile, "--to", "kialo", "-o", kialo)[0] == 0
    code, out, _ = run(runner, "import", kialo, "--from", "kialo", "-o", "-")
    assert code == 0 and "argmap: 1" in out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{map}", "--to", "json", "-o", "{map}"],
        ["render", "{map}", "-f", "svg", "-o", "{map}"],
        ["render", "{map}", "-f", "svg", "-o", "{link}"],
        ["brief", "{map}", "-s", "pro", "-f", "md", "-o", "{map}"],
        ["schema", "-o", "{map}"],
    ],
)
def test_an_output_naming_the_input_map_is_refused(
    runner: CliRunner, mapfile: Path, args: list[str]
) -> None:
    link = mapfile.parent / "link.yaml"
    link.symlink_to(mapfile)
    before = mapfile.read_bytes()
    code, _, err = run(runner, *[a.format(map=mapfile, link=link) for a in args])
    assert code == 2 and err.startswith("error: ") and len(err.splitlines()) == 1, err
    assert mapfile.read_bytes() == before


def test_import_over_an_existing_file_needs_force(runner: CliRunner, mapfile: Path) -> None:
    kialo = mapfile.parent / "k.txt"
    assert run(runner, "export", mapfile, "--to", "kialo", "-o", kialo)[0] == 0
    before = mapfile.read_bytes()
    code, _, err = run(runner, "import", kialo, "--from", "kialo", "-o", mapfile)
    assert code == 2 and "use --force" in err
    assert mapfile.read_bytes() == before
    assert run(runner, "import", kialo, "--from", "kialo", "-o", mapfile, "--force")[0] == 0
    assert load_map(mapfile).ok and mapfile.read_bytes() != before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "{map}", "--to", "json", "-o", "{dir}"], "cannot write {dir}: Is a directory"),
        (["schema", "-o", "{dir}"], "cannot write {dir}: Is a directory"),
        (
            ["export", "{map}", "--to", "json", "-o", "/dev/full"],
            "cannot write /dev/full: No space left on device",
        ),
        (["render", "{map}", "-f", "svg", "-o", "{dir}/ro/x.svg"], "Permission denied"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line(
    runner: CliRunner, mapfile: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    if os.geteuid() == 0 and "Permission" in message:
        pytest.skip("root may write anywhere")
    folder = tmp_path / "out"
    (folder / "ro").mkdir(parents=True)
    (folder / "ro").chmod(0o555)
    code, _, err = run(runner, *[a.format(map=mapfile, dir=folder) for a in args])
    assert code == 1, err
    assert err.splitlines() == [f"error: {message.format(dir=folder)}"] or (
        len(err.splitlines()) == 1 and message in err
    )


def test_several_maps_to_one_file_are_refused(
    runner: CliRunner, mapfile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "same.svg"
    code, _, err = run(runner, "render", mapfile, mapfile, "-o", target)
    assert code == 2 and "give a folder" in err
    assert not target.exists()
    code, _, err = run(runner, "render", mapfile, mapfile, "-o", tmp_path / "out")
    assert code == 2 and "would both be drawn to" in err


def test_a_shared_template_cannot_run_code(
    runner: CliRunner, mapfile: Path, tmp_path: Path
) -> None:
    from argmap.brief.render import templates_dir

    folder = tmp_path / "tpl"
    shutil.copytree(templates_dir(), folder)
    evil = '{{ cycler.__init__.__globals__.os.popen("echo pwned > PWNED").read() }}\n'
    (folder / "brief.md.j2").write_text(evil)
    code, _, err = run(
        runner, "brief", mapfile, "-s", "pro", "-f", "md", "--template", folder, "-o", "-"
    )
    assert code == 2 and "unsafe" in err, err
    assert not Path("PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_a_binary_template_is_one_line(runner: CliRunner, mapfile: Path, tmp_path: Path) -> None:
    from argmap.brief.render import templates_dir

    folder = tmp_path / "tpl"
    shutil.copytree(templates_dir(), folder)
    (folder / "brief.md.j2").write_bytes(b"\xff\xfe\x00binary")
    code, _, err = run(
        runner, "brief", mapfile, "-s", "pro", "-f", "md", "--template", folder, "-o", "-"
    )
    assert code == 2 and err.splitlines() == [f"error: a template in {folder} is not UTF-8 text"]


def test_fmt_reads_a_tab_before_a_comment(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("argmap: 1\ntitle: t\t# c\n")
    code, _, err = run(runner, "fmt", path)
    assert code == 0, err
    assert path.read_text() == "argmap: 1\ntitle: t # c\n"


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """The whole process group gets SIGINT, as from a terminal: PDF workers included."""
    import signal
    import time

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import write_map

    big = write_map(1500, tmp_path)
    proc = subprocess.Popen(
        [*ARGMAP, "brief", str(big), "-f", "pdf", "-o", f"{tmp_path}/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(2.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "argmap: interrupted\n"


# --- smaller ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "check", "fmt", "render"])
def test_a_folder_without_maps_is_wrong_usage(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a map")
    code, _, err = run(runner, command, tmp_path)
    assert code == 2
    assert err == f"error: {tmp_path} holds no maps (no .yaml or .yml files)\n"


def test_help_keeps_square_brackets(runner: CliRunner) -> None:
    code, out, _ = run(runner, "validate", "--help")
    assert code == 0 and "error[code]: message" in out


@pytest.mark.parametrize(
    ("command", "flag", "long"),
    [
        ("validate", "-f", "--format"),
        ("check", "-f", "--format"),
        ("eval", "-f", "--format"),
        ("render", "-f", "--format"),
        ("brief", "-f", "--format"),
        ("export", "-f", "--to"),
        ("import", "-f", "--from"),
        ("render", "-o", "--output"),
        ("brief", "-o", "--output"),
        ("export", "-o", "--output"),
        ("import", "-o", "--output"),
        ("schema", "-o", "--output"),
        ("render", "-s", "--side"),
        ("brief", "-s", "--side"),
        ("show", "-s", "--side"),
        ("render", "-d", "--depth"),
        ("show", "-d", "--depth"),
    ],
)
def test_short_flags_mean_one_thing(runner: CliRunner, command: str, flag: str, long: str) -> None:
    out = run(runner, command, "--help")[1]
    assert re.search(rf"{flag}, (-\w, )?{long}\b", out), out


@pytest.mark.parametrize(("command", "long"), [("show", "--focus"), ("check", "--disable")])
def test_focus_and_disable_have_no_short_form(runner: CliRunner, command: str, long: str) -> None:
    out = run(runner, command, "--help")[1]
    assert re.search(rf"^\s+{long}\b", out, re.MULTILINE), out


def test_generate_has_help() -> None:
    script = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    done = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "NODES" in done.stdout.upper()


def test_check_warns_of_hidden_characters(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hidden.yaml"
    path.write_text(
        'argmap: 1\ntitle: "T\\a"\nclaims:\n  - id: C1\n    side: pro\n'
        '    text: "Costs fall by \\u202e%01\\u202c."\n'
        "    impact: {magnitude: high}\n"
        '    notes: "keep\\u200dthe joiner\\tand tab"\n'
    )
    code, out, _ = run(runner, "check", path)
    assert code == 0
    assert out.splitlines() == [
        f"{path}:2:8: warning[hidden-characters]: title holds invisible U+0007 control "
        "character: it can change what the printed text says; delete it",
        f"{path}:6:11: warning[hidden-characters]: text holds invisible U+202E RIGHT-TO-LEFT "
        "OVERRIDE, U+202C POP DIRECTIONAL FORMATTING: it can change what the printed text "
        "says; delete it",
    ]


def test_graphviz_is_bounded_in_time(
    runner: CliRunner, mapfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "bin"
    slow.mkdir()
    (slow / "dot").write_text("#!/bin/sh\nsleep 5\n")
    (slow / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_TIMEOUT", "0.3")
    code, _, err = run(runner, "render", mapfile, "-o", tmp_path / "x.svg", "--no-atlas")
    assert code == 1
    assert err.startswith("error: Graphviz gave up after 0.3 s on a page of about ")
    assert "--focus" in err and len(err.splitlines()) == 1
