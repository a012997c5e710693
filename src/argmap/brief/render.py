"""Render a `BriefContext` through the Jinja2 templates: HTML (also the PDF's source) and Markdown.

Templates live in the top-level `templates/` folder of the repository, shipped inside
the wheel as `argmap/templates`; `--template DIR` replaces the folder. Both
environments use StrictUndefined, so a template that names a missing value fails
loudly instead of printing nothing. HTML is autoescaped. Jinja2's autoescape knows
only HTML, so the Markdown template gets a copy of the context in which every text
is already escaped with `markdown_escape`: no value can reach the page unescaped,
whatever filters or macros a template uses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.resources
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar, cast

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

import argmap
from argmap import quotes
from argmap.brief.context import BriefContext
from argmap.brief.diagram import Diagram
from argmap.render.choices import Paper

HTML_TEMPLATE = "brief.html.j2"
MARKDOWN_TEMPLATE = "brief.md.j2"

T = TypeVar("T")


# The CSS `@page { size }` keyword of each paper.
PAGE_SIZE = {Paper.A4: "A4", Paper.LETTER: "letter"}
# The id of the empty box a sheet for print leaves for its diagram (see argmap.brief.figures).
DIAGRAM_BOX = "argmap-diagram-box"


class TemplateProblem(Exception):
    """A template folder that is missing, or a template that fails to render."""


def templates_dir(override: Path | None = None) -> Path:
    """The folder of templates: `override`, else the installed package's, else the repo's."""
    if override is not None:
        folder = override
    else:
        installed = importlib.resources.files(argmap) / "templates"
        # An editable install imports argmap from src/, next to the repository's templates/.
        repository = Path(argmap.__file__).resolve().parent.parent.parent / "templates"
        folder = Path(str(installed)) if installed.is_dir() else repository
    if not (folder / HTML_TEMPLATE).is_file():
        raise TemplateProblem(f"no {HTML_TEMPLATE} in template folder {folder}")
    return folder


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (Jinja's own file cache).

    Compiling the HTML sheet's templates takes 45 ms of every `argmap brief`, on the way
    to the PDF printer; loading them compiled takes 4. Jinja keeps them in a private
    folder of the user's in the system's temporary folder, a file per template named
    by its name and path, checked against its source: an edited template is compiled
    again. Compiled code also depends on the environment it was compiled in (autoescape,
    whitespace control), so every name is salted with `setup`. A cache that cannot be
    read or written is only skipped.
    """

    def __init__(self, setup: str) -> None:
        super().__init__()
        self.setup = setup

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.setup}|{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.cache
def _compiled_templates(kind: str) -> jinja2.BytecodeCache | None:
    """The cache of compiled templates for the `kind` of environment ("html", "markdown"),
    or None where Jinja finds no private folder for it.

    The environments are set up in this module: its source, with `kind` and Jinja's
    version, salts every name, so that a change to their setup compiles anew.
    """
    try:
        source = Path(__file__).read_bytes()
    except OSError:  # an installation without sources: its version stands for them
        source = argmap.__version__.encode()
    setup = hashlib.sha1(source + f"|{kind}|{jinja2.__version__}".encode()).hexdigest()
    try:
        return _TemplateCache(setup)
    except (OSError, RuntimeError):  # RuntimeError: the folder is not the user's own
        return None


# One environment per folder: it keeps the compiled templates for the next sheet (both sides).
# Sandboxed: a --template folder shared between teams is untrusted code, and must not reach
# Python's internals (`cycler.__init__.__globals__.os`) to run commands.
@functools.cache
def html_environment(folder: Path) -> jinja2.Environment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=_compiled_templates("html"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "css"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["readaloud"] = quote_html
    env.filters["unmarked"] = quotes.plain
    return env


_PARAGRAPHS = re.compile(r"\n\s*\n")


def quote_html(quote: str) -> Markup:
    """A card's quote as HTML paragraphs: the `==marked==` words to read aloud bold and
    underlined (class "read"), the rest in smaller type (class "fine") when anything is
    marked. Every piece of text is escaped."""
    marked = quotes.has_marks(quote)
    paragraphs = []
    for paragraph in _PARAGRAPHS.split(quote.strip()):
        parts = []
        for run in quotes.runs(paragraph):
            text = escape(run.text).replace("\n", Markup("<br>"))
            if run.read:
                parts.append(Markup('<span class="read">{}</span>').format(text))
            elif marked:
                parts.append(Markup('<span class="fine">{}</span>').format(text))
            else:
                parts.append(text)
        paragraphs.append(Markup("<p>{}</p>").format(Markup("").join(parts)))
    return Markup("\n").join(paragraphs)


def quote_markdown(quote: str) -> str:
    """An escaped quote (see `markdown_escape`) with its read-aloud words in bold."""
    if quote.startswith("\\="):  # markdown_escape guards a leading "=" against a heading
        quote = quote[1:]
    out = []
    for run in quotes.runs(quote):
        core = run.text.strip()
        if run.read and core:  # "** x **" is not bold in Markdown: spaces stay outside
            start = run.text.index(core)
            out.append(f"{run.text[:start]}**{core}**{run.text[start + len(core) :]}")
        else:
            out.append(run.text)
    return "".join(out)


@functools.cache
def markdown_environment(folder: Path) -> jinja2.Environment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=_compiled_templates("markdown"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["readaloud"] = quote_markdown
    env.filters["unmarked"] = quotes.plain
    return env


def render_html(
    context: BriefContext,
    *,
    paper: Paper = Paper.A4,
    templates: Path | None = None,
    diagram: Diagram | None = None,
    box: tuple[float, float] | None = None,
) -> str:
    """The sheet as one self-contained HTML page (styles and diagram inline).

    The diagram's SVG is trusted markup: argmap.render escapes the map's text in it.
    With `box` (width, height in points), the page is for print: in the SVG's place,
    an empty box of that size with id DIAGRAM_BOX, for the PDF printer to draw in.
    """
    folder = templates_dir(templates)
    drawing = diagram and Markup(diagram.svg)
    if diagram and box:
        drawing = Markup(
            f'<div id="{DIAGRAM_BOX}" style="width: {box[0]:.2f}pt; height: {box[1]:.2f}pt; '
            'margin: 0 auto"></div>'
        )
    values = {
        "brief": context,
        "paper": PAGE_SIZE[paper],
        "diagram": diagram and {"svg": drawing, "note": diagram.note},
    }
    return _render(html_environment(folder), folder, HTML_TEMPLATE, values)


def render_markdown(
    context: BriefContext,
    *,
    templates: Path | None = None,
    diagram: Diagram | None = None,
    diagram_file: str = "diagram.svg",
) -> str:
    """The sheet as Markdown; its diagram is an SVG written next to it as `diagram_file`."""
    folder = templates_dir(templates)
    values = {
        "brief": escaped_for_markdown(context),
        "diagram": diagram
        and {
            "file": Markup(_link_target(diagram_file)),
            "note": markdown_escape(diagram.note),
        },
    }
    return _render(markdown_environment(folder), folder, MARKDOWN_TEMPLATE, values)


def _render(env: jinja2.Environment, folder: Path, name: str, values: Mapping[str, object]) -> str:
    try:
        return env.get_template(name).render(values)
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template {exc.name} not found in {folder}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template {name}: {exc}") from exc


# Characters with a meaning in Markdown (CommonMark and GitHub tables) anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#!|~])")
# Markers that start a block only at the beginning of a line: lists, quotes, headings.
_MD_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|(?=[-+=]))(.)")


def markdown_escape(value: object) -> str:
    """Map text as inert Markdown: one line, punctuation escaped, HTML as entities."""
    text = " ".join(str(value).split())  # a newline could start a new block
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\2\\\3", text)


def escaped_for_markdown(value: T) -> T:
    """A copy of a context value with every string passed through `markdown_escape`."""
    if isinstance(value, str):
        return cast(T, markdown_escape(value))
    if isinstance(value, tuple):
        return cast(T, tuple(escaped_for_markdown(item) for item in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: escaped_for_markdown(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
        return cast(T, type(value)(**changes))
    return value


def _link_target(file_name: str) -> str:
    """A file name usable inside a Markdown link target."""
    return "<" + re.sub(r"[<>\n\r]", "", file_name) + ">"
