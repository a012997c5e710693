"""The model's classes: what an argument map is (format version 1), as pydantic models.

The model knows nothing of YAML, files or the command line. Field names are the
keys users write, so a validation error's location is a path into the file.
The JSON Schema for editors is generated from these classes (`argmap schema`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from argmap.model.kinds import Attack, DebateFormat, Side

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", max_length=200),
    Field(description="Letters, digits, '-', '_' and '.'; unique in the map."),
]
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
CqRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9-]+\.[a-z0-9-]+$"),
    Field(description="A critical question as 'scheme.question', e.g. 'expert-opinion.field'."),
]
CheckCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9-]+$"),
    Field(description="A check code as printed by `argmap check`, e.g. 'quote-missing'."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Sides(_Strict):
    """Labels for the two sides, as a judge would call them."""

    pro: Text = "Proposition"
    con: Text = "Opposition"


class SourceWork(_Strict):
    """The material being mapped: an article, a speech, a report."""

    title: Text
    author: str | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None


class Source(_Strict):
    """One entry of the bibliography; evidence cards cite it by id."""

    author: Text = Field(description="Author or organisation.")
    title: Text
    qualifications: str | None = None
    date: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None


class Evidence(_Strict):
    """A card: the exact words or figure relied on, and where they come from."""

    source: Id = Field(description="An id in the map's `sources`.")
    quote: str | None = Field(None, description="The exact words or figure relied on.")
    locator: str | None = Field(None, description="Page, section or table.")
    note: str | None = None


class Impact(_Strict):
    """Weighing dimensions of a contention's impact, in the debater's words."""

    magnitude: str | None = None
    probability: str | None = None
    timeframe: str | None = None
    scope: str | None = None
    reversibility: str | None = None


class Node(_Strict):
    """A claim, premise or rebuttal; the same shape at every depth."""

    id: Id | None = None
    side: Side | None = Field(
        None,
        description="Required on root claims; below them a premise keeps its parent's side "
        "and a rebuttal takes the other side.",
    )
    title: str | None = Field(None, description="Short tag line for diagrams and headings.")
    text: Text
    attack: Attack | None = Field(
        None,
        description="On a rebuttal: rebut, undermine or undercut. Default: rebut against a "
        "root claim, undermine elsewhere.",
    )
    turn: bool = Field(False, description="The attack also wins ground for the attacker.")
    group: str | None = Field(
        None, description="Premises sharing a group under one parent support it only together."
    )
    implicit: bool = Field(False, description="An unstated premise reconstructed by the mapper.")
    analytic: bool = Field(False, description="Own reasoning that needs no card.")
    scheme: str | None = Field(None, description="Argumentation scheme id.")
    cq: CqRef | None = Field(
        None,
        description="On a rebuttal: the critical question its attack raises. On a premise: "
        "the question of its parent's scheme that it answers.",
    )
    strength: float | None = Field(None, ge=0, le=1, description="Mapper's confidence, 0-1.")
    impact: Impact | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    notes: str | None = None
    ignore: list[CheckCode] = Field(
        default_factory=list, description="Check codes not to report on this node."
    )
    supports: list[Id] = Field(default_factory=list)
    attacks: list[Id] = Field(default_factory=list)
    outweighs: list[Id] = Field(default_factory=list)
    order: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list,
        description="Places in formats that list a node's premises, rebuttals and linked "
        "claims in one sequence (Kialo): this node's place under its parent, then under each "
        "node it `supports`, then each it `attacks`. Written by imports; without it, "
        "premises come first, then rebuttals, then linked claims.",
    )
    premises: list[Node] = Field(default_factory=list)
    rebuttals: list[Node] = Field(default_factory=list)


class Checks(_Strict):
    """Settings for `argmap check`."""

    disable: list[CheckCode] = Field(
        default_factory=list, description="Check codes not to report anywhere in this map."
    )


class Expect(_Strict):
    """An answer key: the statuses the mapper expects analysis to find."""

    stands: list[Id] = Field(default_factory=list)
    falls: list[Id] = Field(default_factory=list)
    contested: list[Id] = Field(default_factory=list)
    unsupported: list[Id] = Field(default_factory=list)
    cut: list[Id] = Field(
        default_factory=list,
        description="Granted, but an undercut that holds cuts the link to what it bears on.",
    )


class ArgMap(_Strict):
    """A whole map file."""

    argmap: int = Field(description="Format version; must be 1.")
    title: Text
    motion: str | None = None
    format: DebateFormat = DebateFormat.GENERIC
    sides: Sides = Field(default_factory=Sides)
    source: SourceWork | None = None
    sources: dict[Id, Source] = Field(default_factory=dict)
    claims: list[Node] = Field(default_factory=list)
    checks: Checks | None = None
    expect: Expect | None = None


# Which model a mapping is, from the key that holds it (did-you-mean on unknown keys; the
# language server's key completion).
MODEL_UNDER: dict[str, type[BaseModel]] = {
    "claims": Node,
    "premises": Node,
    "rebuttals": Node,
    "evidence": Evidence,
    "source": SourceWork,
    "impact": Impact,
    "sides": Sides,
    "expect": Expect,
    "checks": Checks,
}
