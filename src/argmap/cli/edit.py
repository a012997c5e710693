"""Commands that edit maps keeping every comment: new, add, set, move, rm, rename, source, fmt,
show."""

from collections.abc import Callable
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.app import app
from argmap.cli.common import MapFile, MapPaths, SideChoice, fail, graph_or_exit, map_files
from argmap.model.kinds import Attack, DebateFormat

if TYPE_CHECKING:
    from argmap.edit.document import Change, MapDocument

NodeId = Annotated[str, typer.Argument(help="The node's id (`argmap show MAP` lists them).")]
AtPosition = Annotated[
    int | None, typer.Option("--at", help="Position among its siblings (1 = first; default last).")
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the change as a unified diff; write nothing.")
]


class ChildRole(StrEnum):
    PREMISE = "premise"
    REBUTTAL = "rebuttal"


# The model's own vocabularies (`argmap.model.kinds` loads no pydantic) as option choices.
AttackChoice = Attack
FormatChoice = DebateFormat


def _edit(map_file: Path, dry_run: bool, operation: "Callable[[MapDocument], Change]") -> None:
    """Open the map, make one change, validate it, then write it (or print the diff)."""
    from argmap.edit.document import MapDocument
    from argmap.edit.errors import EditError, RefusedEdit
    from argmap.fileio import MapBusy, locked

    try:
        # Held from reading to writing, so that parallel edits queue instead of losing writes.
        with nullcontext() if dry_run else locked(map_file):
            doc = MapDocument.open(map_file)
            change = operation(doc)
            outcome = doc.finish(change, dry_run=dry_run)
    except MapBusy as exc:
        fail(RefusedEdit(str(exc)))
    except EditError as exc:
        fail(exc)
    except OSError as exc:  # the old file is intact: writes are atomic
        typer.echo(f"error: cannot write {map_file}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    for warning in outcome.warnings:
        typer.echo(str(warning), err=True)
    if dry_run:
        typer.echo(outcome.diff, nl=False)
    note = "" if outcome.changed else " (no change)"
    note = " (dry run: nothing written)" if dry_run and outcome.changed else note
    typer.echo(change.summary + note, err=True)


@app.command()
def new(
    file: Annotated[Path, typer.Argument(help="The map file to create.", show_default=False)],
    title: Annotated[str, typer.Option("--title", "-t", help="The map's title.")],
    motion: Annotated[str | None, typer.Option("--motion", "-m", help="The motion.")] = None,
    debate_format: Annotated[
        FormatChoice, typer.Option("--format", help="The debate format.")
    ] = FormatChoice.GENERIC,
    schema_url: Annotated[
        str | None,
        typer.Option("--schema", help="Schema URL for the modeline (default: a relative path)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a new, valid map with a schema modeline for editor completion.

    The modeline points at the nearest schema/argmap.schema.json above the file,
    or at argmap.schema.json, written next to the map when there is none.

    Example:

        argmap new maps/uniforms.yaml --title "School uniforms" --motion "THW ban uniforms"
    """
    from argmap.edit.errors import EditError, UsageError
    from argmap.edit.starter import starter_map
    from argmap.fileio import write_atomic
    from argmap.schema import schema_text

    try:
        if file.exists() and not force:
            raise UsageError(f"{file} exists; use --force to overwrite it")
        starter = starter_map(file, title, motion, debate_format, schema_url)
    except EditError as exc:
        fail(exc)
    write_atomic(file, starter.text)
    if starter.schema_to_write is not None:
        write_atomic(starter.schema_to_write, schema_text())
        typer.echo(f"wrote {starter.schema_to_write}", err=True)
    typer.echo(f"wrote {file} (schema: {starter.schema_url})", err=True)


@app.command()
def add(
    map_file: MapFile,
    premise: Annotated[
        str | None, typer.Option("--premise", "-p", help="Add a premise with this text.")
    ] = None,
    rebuttal: Annotated[
        str | None, typer.Option("--rebuttal", "-r", help="Add a rebuttal with this text.")
    ] = None,
    claim: Annotated[
        str | None, typer.Option("--claim", "-c", help="Add a root claim with this text.")
    ] = None,
    under: Annotated[
        str | None, typer.Option("--under", "-u", help="Id of the node it supports or attacks.")
    ] = None,
    side: Annotated[SideChoice | None, typer.Option("--side", "-s", help="A claim's side.")] = None,
    attack: Annotated[
        AttackChoice | None, typer.Option("--attack", help="A rebuttal's attack kind.")
    ] = None,
    node_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new node (default: generated).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Short tag line.")] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", "-e", help="Cite a source id (repeat for several cards)."),
    ] = None,
    at: AtPosition = None,
    dry_run: DryRun = False,
) -> None:
    """Add a premise or rebuttal under a node, or a root claim.

    New ids are generated when not given (PARENT.p3, PARENT.r2, claim-4) and written
    into the file. The edited map is validated before it is written.

    Example:

        argmap add maps/uniforms.yaml --under U1 --premise "Uniforms are cheaper" -e ofsted-2023

        argmap add maps/uniforms.yaml -u U1 --rebuttal "Cost falls on parents" --attack undercut
    """
    from argmap.edit.errors import UsageError
    from argmap.edit.operations import add_node
    from argmap.graph import Role

    given = [(r, t) for r, t in ((Role.PREMISE, premise), (Role.REBUTTAL, rebuttal)) if t]
    given += [(Role.CLAIM, claim)] if claim else []
    if len(given) != 1:
        fail(UsageError("give exactly one of --premise, --rebuttal or --claim"))
    role, text = given[0]
    _edit(
        map_file,
        dry_run,
        lambda doc: add_node(
            doc,
            role,
            str(text),
            under=under,
            node_id=node_id,
            title=title,
            side=side,
            attack=attack,
            evidence=evidence or [],
            at=at,
        ),
    )


@app.command("set")
def set_field(
    map_file: MapFile,
    node_id: NodeId,
    field: Annotated[
        str,
        typer.Argument(
            help="text, title, side, attack, turn, implicit, analytic, scheme, cq, "
            "strength, notes, group, or impact.magnitude (and the other impact fields)."
        ),
    ],
    value: Annotated[str | None, typer.Argument(help="The new value.", show_default=False)] = None,
    unset: Annotated[
        bool, typer.Option("--unset", "--clear", help="Remove the field instead.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Set (or remove) one field of a node, keeping the rest of the file as it is.

    Values are checked against the format: true/false for flags, a number in 0-1 for
    strength, pro/con for side, rebut/undermine/undercut for attack.

    Example:

        argmap set maps/uniforms.yaml U1.p2 strength 0.7

        argmap set maps/uniforms.yaml U1 impact.magnitude "every pupil"

        argmap set maps/uniforms.yaml U1 notes --unset
    """
    from argmap.edit.errors import UsageError
    from argmap.edit.operations import set_field as set_node_field

    if (value is None) == (not unset):
        fail(UsageError("give a VALUE, or --unset to remove the field"))
    _edit(map_file, dry_run, lambda doc: set_node_field(doc, node_id, field, value))


@app.command()
def move(
    map_file: MapFile,
    node_id: NodeId,
    under: Annotated[str, typer.Option("--under", "-u", help="Id of the new parent.")],
    role: Annotated[
        ChildRole | None,
        typer.Option("--as", help="premise or rebuttal (default: as it is; claims: premise)."),
    ] = None,
    at: AtPosition = None,
    dry_run: DryRun = False,
) -> None:
    """Move a node, with its subtree and comments, under another node.

    Example:

        argmap move maps/uniforms.yaml U1.p3 --under U2 --as rebuttal
    """
    from argmap.edit.operations import move_node
    from argmap.graph import Role

    new_role = None if role is None else Role(role.value)
    _edit(map_file, dry_run, lambda doc: move_node(doc, node_id, under, role=new_role, at=at))


@app.command()
def rm(
    map_file: MapFile,
    node_id: NodeId,
    force: Annotated[
        bool, typer.Option("--force", help="Also remove references to the removed nodes.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Remove a node and its subtree.

    Refused (exit 1) while other nodes refer to them (supports, attacks, outweighs,
    expect); the references are listed as FILE:LINE. --force removes them too.

    Example:

        argmap rm maps/uniforms.yaml U1.p3 --dry-run
    """
    from argmap.edit.operations import remove_node

    _edit(map_file, dry_run, lambda doc: remove_node(doc, node_id, force=force))


@app.command()
def rename(
    map_file: MapFile,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The node id or source id to rename.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new id.", show_default=False)],
    source: Annotated[
        bool, typer.Option("--source", help="Rename the source OLD when a node has that id too.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Rename a node id or source id, and every reference to it (expect: included).

    Only the id's characters change; comments and layout stay. Refused
    (exit 2) when NEW is not a valid id or is already used. The editor's
    rename (argmap lsp) does the same. See docs/editors.md.

    Example:

        argmap rename maps/uniforms.yaml U1.p2 cost-to-parents --dry-run

        argmap rename maps/uniforms.yaml ofsted-2023 ofsted-report --source
    """
    from argmap.edit.rename import rename_id

    _edit(map_file, dry_run, lambda doc: rename_id(doc, old, new, source=source))


source_app = typer.Typer(
    help="Edit the bibliography of a map.\n\nExample:\n\n    argmap source add MAP ID "
    "--author AUTHOR --title TITLE",
    no_args_is_help=True,
)
app.add_typer(source_app, name="source")


@source_app.command("add")
def source_add(
    map_file: MapFile,
    source_id: Annotated[str, typer.Argument(help="The new source's id, cited by evidence.")],
    author: Annotated[str, typer.Option("--author", help="Author or organisation.")],
    title: Annotated[str, typer.Option("--title", help="Title of the work.")],
    date: Annotated[str | None, typer.Option("--date", help="Date, e.g. 2024-05.")] = None,
    publication: Annotated[
        str | None, typer.Option("--publication", help="Where it appeared.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Address.")] = None,
    qualifications: Annotated[
        str | None, typer.Option("--qualifications", help="Why the author is credible.")
    ] = None,
    accessed: Annotated[str | None, typer.Option("--accessed", help="Date accessed.")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a source to the map's bibliography.

    Example:

        argmap source add maps/uniforms.yaml ofsted-2023 --author Ofsted --title "Annual report"
    """
    from argmap.edit.operations import add_source

    fields = {
        "author": author,
        "title": title,
        "date": date,
        "publication": publication,
        "url": url,
        "qualifications": qualifications,
        "accessed": accessed,
    }
    _edit(map_file, dry_run, lambda doc: add_source(doc, source_id, fields))


@app.command()
def fmt(
    maps: MapPaths,
    check: Annotated[
        bool, typer.Option("--check", help="List files that would change; exit 1 if any.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Put maps into the canonical layout, keeping every comment.

    Keys in model order, 2-space indentation, sequences indented under their key,
    no folded text, one blank line between root claims. Running it twice changes
    nothing the second time. docs/editing.md lists what it normalises.

    Example:

        argmap fmt maps/

        argmap fmt --check maps/*.yaml
    """
    from argmap.edit.canonical import already_canonical, canonical_text
    from argmap.edit.document import MapDocument, unified_diff
    from argmap.edit.errors import EditError, RefusedEdit
    from argmap.fileio import MapBusy, locked

    changed, failed = [], 0
    for path in map_files(maps):
        try:
            with nullcontext() if check or dry_run else locked(path):
                doc = MapDocument.open(path)
                # The fast loader's positions settle a tidy file; ruamel only to rewrite.
                tidy = already_canonical(doc.text, doc.loaded.root)
                text = doc.text if tidy else canonical_text(doc.text)
                if text != doc.text and not (check or dry_run):
                    doc.write(text)
        except (EditError, MapBusy) as exc:
            error = exc if isinstance(exc, EditError) else RefusedEdit(str(exc))
            typer.echo(f"error: {error.message}", err=True)
            for line in error.details:
                typer.echo(line)
            failed += 1
            continue
        except OSError as exc:  # the old file is intact: writes are atomic
            typer.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
            failed += 1
            continue
        if text == doc.text:
            continue
        changed.append(path)
        if check:
            typer.echo(f"would reformat {path}")
        elif dry_run:
            typer.echo(unified_diff(doc.text, text, str(path)), nl=False)
        else:
            typer.echo(f"reformatted {path}", err=True)
    if failed or (check and changed):
        raise typer.Exit(1)


@app.command()
def show(
    map_file: MapFile,
    side: Annotated[
        SideChoice | None,
        typer.Option("--side", "-s", help="Only this side's claims (with their subtrees)."),
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Levels to show below each start.")
    ] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Show only this node's subtree.")
    ] = None,
) -> None:
    """Print the map as a tree: id, side, role or attack kind, title or text.

    A terminal gets a coloured tree; a pipe gets plain indented lines.

    Example:

        argmap show maps/uniforms.yaml --side con --depth 2
    """
    import sys

    from argmap.edit.show import plain_lines, rich_tree, rows
    from argmap.model import Side

    graph = graph_or_exit(map_file)
    if focus is not None:
        from argmap.edit.document import find_node
        from argmap.edit.errors import EditError

        try:
            find_node(graph, focus)
        except EditError as exc:
            fail(exc)
    shown = rows(graph, side=None if side is None else Side(side), depth=depth, focus=focus)
    if sys.stdout.isatty():
        from rich.console import Console

        Console().print(rich_tree(graph, shown))
    else:
        for line in plain_lines(shown):
            typer.echo(line)
