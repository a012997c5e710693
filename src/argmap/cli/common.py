"""What several command groups share: argument types, choices, and error printing."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from argmap.model.kinds import Side

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.edit.errors import EditError
    from argmap.graph import MapGraph


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


# Choice enums mirror argmap.model's enums so that `--help` need not import pydantic;
# tests/test_cli.py keeps them equal.
SideChoice = Side  # the model's own vocabulary (`argmap.model.kinds`: no pydantic)


MapPaths = Annotated[
    list[Path],
    typer.Argument(
        help="Map files, or folders of .yaml maps.",
        metavar="MAP",
        exists=True,
        readable=True,
        show_default=False,
    ),
]

MapFile = Annotated[
    Path,
    typer.Argument(
        metavar="MAP",
        help="The map file.",
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
    ),
]

Watch = Annotated[
    bool,
    typer.Option("--watch", help="Write again on every save of the map (Ctrl-C stops)."),
]


def map_files(paths: Sequence[Path]) -> list[Path]:
    """The map files the arguments stand for; a folder holding no maps is wrong usage (exit 2).

    A typo'd folder must not pass a CI check as "0 maps checked".
    """
    from argmap.fileio import MAP_SUFFIXES, expand_map_paths

    for path in paths:
        if path.is_dir() and not expand_map_paths([path]):
            suffixes = " or ".join(MAP_SUFFIXES)
            typer.echo(f"error: {path} holds no maps (no {suffixes} files)", err=True)
            raise typer.Exit(2)
    return expand_map_paths(paths)


def graph_or_exit(path: Path) -> MapGraph:
    """Read one map; when it has errors, print its diagnostics and exit 1."""
    from argmap.validate import load_map

    result = load_map(path)
    if result.graph is None:
        for diagnostic in result.diagnostics:
            typer.echo(str(diagnostic))
        raise typer.Exit(1)
    return result.graph


def print_diagnostics(
    diagnostics: list[Diagnostic], files: int, output_format: OutputFormat
) -> None:
    """Diagnostics to stdout (text or JSON); with text, a count line to stderr."""
    from argmap.diagnostics import diagnostics_to_json

    if output_format is OutputFormat.JSON:
        typer.echo(diagnostics_to_json(diagnostics))
        return
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic))
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    typer.echo(
        f"{files} map{'s' * (files != 1)} checked: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        err=True,
    )


def emit(
    text: str, output: Path | None, inputs: Sequence[Path] = (), *, force: bool = True
) -> None:
    """Write `text` atomically to `output`, or to stdout when there is none or it is `-`.

    An output naming an input map (or an existing file, without `force`) is refused
    (exit 2) and one that cannot be written is one line (exit 1); nothing is half written.
    """
    from argmap.fileio import is_stdout, write_atomic

    if output is None or is_stdout(output):
        typer.echo(text, nl=False)
        return
    guard_output(output, inputs, force=force)
    try:
        write_atomic(output, text)
    except OSError as exc:
        cannot_write(output, exc)


def guard_output(
    output: Path | str | None, inputs: Sequence[Path] = (), *, force: bool = True
) -> None:
    """Exit 2 with one line when `output` would overwrite an input map or an existing file."""
    from argmap.fileio import OutputRefused, refuse_overwriting

    try:
        refuse_overwriting(output, inputs, force=force)
    except OutputRefused as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def cannot_write(output: Path | str, exc: OSError) -> NoReturn:
    """One line for an output that could not be written (the old file is intact); exit 1."""
    typer.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
    raise typer.Exit(1) from None


def fail(exc: EditError) -> NoReturn:
    """Print an edit error with its details and exit with its code."""
    typer.echo(f"error: {exc.message}", err=True)
    for line in exc.details:
        typer.echo(line)
    raise typer.Exit(exc.exit_code)


def rerun_on_save(paths: Sequence[Path], run: Callable[[], None]) -> None:
    """Run a command, then again after every save of the maps at `paths`, until Ctrl-C.

    A run that fails (an invalid save) prints its diagnostics and the watch goes on;
    only wrong usage on the first run (exit 2) stops it, as no save can mend it.
    """
    from argmap.watch import map_saves

    def once(first: bool) -> None:
        try:
            run()
        except typer.Exit as exc:
            if first and exc.exit_code == 2:
                raise

    once(first=True)
    ready = functools.partial(typer.echo, "watching for saves (Ctrl-C to stop)", err=True)
    try:
        for saved in map_saves(paths, ready):
            typer.echo(f"saved: {', '.join(sorted(p.name for p in saved))}", err=True)
            once(first=False)
    except KeyboardInterrupt:
        pass
