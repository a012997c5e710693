"""The command line: parse options, call one function, print, choose the exit code.

One thin module per command group (check, edit, render, brief, interchange), each
registering its commands on the one typer `app` of argmap.cli.app.

Exit codes: 0 success (warnings allowed), 1 a map has errors, 2 wrong usage.
Heavy libraries are imported inside the commands that need them, so that
`argmap --help` starts fast. The command modules (not common.py) leave out
`from __future__ import annotations`: typer would then eval() every parameter's
annotation text twice on every run, about 15 ms of each command's start.
"""

# importing a group registers its commands on `app`, in the order `--help` lists them
# isort: off
from argmap.cli import check, edit, render, interchange, brief, serve, lsp  # noqa: F401

# isort: on
from argmap.cli.app import app
from argmap.cli.common import SideChoice
from argmap.cli.edit import AttackChoice, FormatChoice

__all__ = ["AttackChoice", "FormatChoice", "SideChoice", "app", "main"]


class Interrupted(BaseException):
    """Ctrl-C, raised instead of KeyboardInterrupt so that click does not turn it into
    "Aborted!" with exit 1; `main` prints one line and exits 130."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    """Console entry point: the app, with the last word on Ctrl-C and unwritable outputs."""
    import signal
    import sys

    from argmap.perf import tune_for_one_run

    tune_for_one_run()
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except Interrupted:
        print("argmap: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `argmap show MAP | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(1)
    except OSError as exc:  # any output a command did not handle itself: one line, not a trace
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)
