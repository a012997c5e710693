"""What every command pays at start: no pydantic for reading maps, no annotation eval()s.

Not timings (benchmarks/bench_argdown.py has those): the causes, each a fact a test can see.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

MAPS = sorted((Path(__file__).parent.parent / "maps").glob("*.yaml"))
CLI = Path(__file__).parent.parent / "src" / "argmap" / "cli"


def pydantic_loaded_by(*args: str) -> list[str]:
    """The pydantic modules loaded by one `argmap` command run in a fresh interpreter."""
    script = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"sys.argv = ['argmap', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    found: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return found


def test_reading_and_drawing_a_map_never_loads_pydantic(tmp_path: Path) -> None:
    """A command that only reads maps starts without pydantic (about 80 ms)."""
    out = tmp_path / "map.dot"
    args = ("render", str(MAPS[0]), "-f", "dot", "--no-atlas", "-o", str(out))
    assert pydantic_loaded_by(*args) == []
    assert out.read_text(encoding="utf-8").startswith("digraph")


def test_command_modules_give_typer_annotations_it_need_not_eval() -> None:
    """With postponed annotations typer eval()s each option's text twice per run (15 ms)."""
    for module in sorted(CLI.glob("*.py")):
        if module.name != "common.py":  # helpers only, no commands
            lines = module.read_text(encoding="utf-8").splitlines()
            assert "from __future__ import annotations" not in lines, module.name


def test_a_briefing_sheet_never_loads_pydantic(tmp_path: Path) -> None:
    """`argmap brief` builds its sheet from the map's records too: pydantic would cost
    its 80 ms on the way to the PDF printer, which waits for the sheet's HTML."""
    out = tmp_path / "sheet.html"
    assert (
        pydantic_loaded_by("brief", str(MAPS[0]), "-s", "pro", "-f", "html", "-o", str(out)) == []
    )
    assert "Their case and our answers" in out.read_text(encoding="utf-8")
