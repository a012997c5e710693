"""The command line: parse options, call one function, print, choose the exit code.

One thin module per command group (check, edit, render, brief, interchange), each
registering its commands on the one typer `app` of argmap.cli.app.

Exit codes: 0 success (warnings allowed), 1 a map has errors, 2 wrong usage.
Heavy libraries are imported inside the commands that need them, so that
`argmap --help` starts fast.
"""

from __future__ import annotations

# importing a group registers its commands on `app`, in the order `--help` lists them
# isort: off
from argmap.cli import check, edit, render, interchange, brief, lsp  # noqa: F401

# isort: on
from argmap.cli.app import app
from argmap.cli.common import SideChoice
from argmap.cli.edit import AttackChoice, FormatChoice

__all__ = ["AttackChoice", "FormatChoice", "SideChoice", "app", "main"]


def main() -> None:
    """Console entry point."""
    from argmap.perf import tune_for_one_run

    tune_for_one_run()
    app()
