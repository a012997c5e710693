"""Commands that read maps and report: validate, check, eval, schemes, schema."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.app import app
from argmap.cli.common import (
    MapFile,
    MapPaths,
    OutputFormat,
    emit,
    graph_or_exit,
    map_files,
    print_diagnostics,
)

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic


@app.command()
def validate(
    maps: MapPaths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", "-F", help="Diagnostics as text or JSON.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check maps and point at the exact line of every mistake.

    Each problem prints as FILE:LINE:COL: error[code]: message. Exit status is 0
    when no map has errors (warnings are allowed), 1 otherwise.

    Example:

        argmap validate maps/school-uniforms.yaml

        argmap validate maps/ --format json
    """
    from argmap.diagnostics import has_errors
    from argmap.validate import load_map

    files = map_files(maps)
    diagnostics = [d for f in files for d in load_map(f).diagnostics]
    print_diagnostics(diagnostics, len(files), output_format)
    if has_errors(diagnostics):
        raise typer.Exit(1)


@app.command()
def check(
    maps: MapPaths,
    disable: Annotated[
        list[str] | None,
        typer.Option(
            "--disable", help="Switch a check off for this run (repeatable).", metavar="CODE"
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", "-F", help="Diagnostics as text or JSON.")
    ] = OutputFormat.TEXT,
) -> None:
    """Validate maps and warn where a case is weak: dropped attacks, missing quotes, ...

    Prints validation problems and debate-quality warnings as
    FILE:LINE:COL: severity[code]: message, and verifies the map's answer key
    (`expect:`). Exit status is 1 when a map has errors or its answer key is wrong
    (with --strict, also on warnings), 0 otherwise. docs/checks.md lists the checks.

    Example:

        argmap check maps/school-uniforms.yaml

        argmap check maps/ --disable no-impact --strict
    """
    from argmap.analysis.checks import rule_codes, run_checks
    from argmap.diagnostics import did_you_mean, has_errors, sort_diagnostics
    from argmap.validate import load_map

    codes = rule_codes()
    for code in disable or []:
        if code not in codes:
            hint = did_you_mean(code, codes) or f"; known checks: {', '.join(codes)}"
            raise typer.BadParameter(f"unknown check '{code}'{hint}", param_hint="--disable")
    files = map_files(maps)
    diagnostics: list[Diagnostic] = []
    for file in files:
        result = load_map(file)
        found = list(result.diagnostics)
        if result.graph is not None and result.loaded is not None:
            loaded = result.loaded
            found += run_checks(result.graph, loaded.position, loaded.key_position, disable or [])
        diagnostics.extend(sort_diagnostics(found))
    print_diagnostics(diagnostics, len(files), output_format)
    if has_errors(diagnostics) or (strict and diagnostics):
        raise typer.Exit(1)


class EvalFormat(StrEnum):
    TREE = "tree"
    TABLE = "table"
    JSON = "json"


@app.command(name="eval")
def eval_(
    map_path: MapFile,
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", "-F", help="A tree, a table, or JSON.")
    ] = EvalFormat.TREE,
    reasons: Annotated[
        bool, typer.Option("--reasons/--no-reasons", help="Show each node's reason in the tree.")
    ] = True,
) -> None:
    """Show what stands, what falls and what is contested, and each side's standing.

    Every node gets a status under grounded semantics (stands, falls, contested,
    or unsupported), a one-line reason and a DF-QuAD strength in 0-1; then each
    side's standing contentions and the weighing table. argmap never declares the
    motion won. See docs/analysis.md.

    Example:

        argmap eval maps/school-uniforms.yaml

        argmap eval maps/school-uniforms.yaml --format json
    """
    from argmap.analysis import analyse
    from argmap.analysis.weighing import weigh
    from argmap.console import (
        evaluation_json,
        evaluation_table,
        evaluation_tree,
        print_views,
        weighing_view,
    )

    evaluation = analyse(graph_or_exit(map_path))
    weighing = weigh(evaluation)
    if output_format is EvalFormat.JSON:
        typer.echo(evaluation_json(evaluation, weighing))
        return
    if output_format is EvalFormat.TREE:
        typer.echo(evaluation_tree(evaluation, reasons))
    else:
        typer.echo(evaluation_table(evaluation))
    typer.echo()
    print_views(weighing_view(weighing, evaluation))


@app.command()
def schemes(
    scheme_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Show this scheme with its critical questions."),
    ] = None,
) -> None:
    """List the argumentation schemes a map can name, or show one with its questions.

    A node names a scheme with `scheme: ID`; an attack names the critical question
    it raises, and a premise the question it answers, with `cq: ID.QUESTION`.

    Example:

        argmap schemes

        argmap schemes expert-opinion
    """
    from argmap.console import print_views, scheme_detail, scheme_list
    from argmap.diagnostics import did_you_mean
    from argmap.schemes import scheme_library

    library = scheme_library()
    if scheme_id is None:
        print_views(scheme_list(list(library.values())))
        return
    scheme = library.get(scheme_id)
    if scheme is None:
        hint = did_you_mean(scheme_id, library) or "; `argmap schemes` lists them"
        raise typer.BadParameter(f"unknown scheme '{scheme_id}'{hint}", param_hint="ID")
    print_views(scheme_detail(scheme))


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-': stdout, the default)."),
    ] = None,
) -> None:
    """Print the JSON Schema of the map format, for editors with a YAML language server.

    Example:

        argmap schema -o schema/argmap.schema.json
    """
    from argmap.fileio import MAP_SUFFIXES
    from argmap.schema import schema_text

    if output is not None and output.suffix in MAP_SUFFIXES and output.is_file():
        typer.echo(f"error: {output} is a map file; the schema is JSON (-o NAME.json)", err=True)
        raise typer.Exit(2)
    emit(schema_text(), output)
