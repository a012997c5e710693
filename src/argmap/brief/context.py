"""The view model of a briefing sheet: everything a template shows, already decided.

`build_context(graph, side)` reads a resolved map from one side's point of view and
returns a `BriefContext`: numbered contentions, blocks (their arguments and our
answers), frontlines (attacks on our case and our prepared answers), weighing rows
and the evidence index. Templates only lay it out; every choice (what is ours, what
is answered, what a card is called, in which order) is made here.

Texts are kept as written: escaping is the renderer's job (HTML autoescape, or an
escaped copy for Markdown), so one context serves every output format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.analysis import Status, Verdict
from argmap.analysis.questions import OpenQuestion
from argmap.analysis.weighing import IMPACT_AXES  # the order the sheet prints them in
from argmap.graph import (
    MapGraph,
    MapNode,
    Relation,
    Role,
    argument_head,
    argument_nodes,
    side_letters,
    source_labels,
    theses,
)
from argmap.model import DebateFormat, Side
from argmap.words import attack_words
from argmap.words import legend as attack_legend

if TYPE_CHECKING:  # the pydantic classes: a sheet is made without loading pydantic (80 ms)
    from argmap.model import Source

FORMAT_NAMES = {
    DebateFormat.GENERIC: "Generic",
    DebateFormat.BP: "British Parliamentary",
    DebateFormat.WSDC: "World Schools",
    DebateFormat.PF: "Public Forum",
    DebateFormat.LD: "Lincoln-Douglas",
    DebateFormat.POLICY: "Policy",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A status mark that reads without colour: glyph, word and the reason.

    `view` is the mark from the sheet's side: "good" (a point of ours that holds),
    "danger" (an attack of theirs that holds, or a point of ours that falls),
    "beaten" (a point of theirs we beat), "cut" (granted, but its link is cut) or
    "open" (contested, unsupported). `glyph` and `word` follow the view, so a sheet
    never gives their standing attack the tick our standing points get.
    """

    status: str
    glyph: str
    word: str
    reason: str
    view: str = "open"


@dataclass(frozen=True, slots=True)
class CardRef:
    """An evidence card as read in a block: 'Author Year' (unique in the map), the cite
    line (qualifications, full citation, locator) and the quoted words, whose
    `==read aloud==` marks `argmap.quotes` splits into runs."""

    label: str
    quote: str | None
    citation: str = ""
    locator: str | None = None
    note: str | None = None
    anchor: str = ""  # the id of its source's entry in the evidence index


@dataclass(frozen=True, slots=True)
class Point:
    """One node as the sheet prints it."""

    id: str
    code: str
    tag: str
    text: str | None  # the full text, when asked for and a title is the tag
    ours: bool
    role: str
    attack: str | None = None  # rebut / undermine / undercut, on rebuttals
    words: str | None = None  # the attack as a debater says it (argmap.words)
    turn: bool = False
    target: str | None = None  # the code this attack hits, when not the argument's head
    implicit: bool = False
    analytic: bool = False
    cards: tuple[CardRef, ...] = ()
    reasons: tuple[ReasonGroup, ...] = ()
    impact: tuple[tuple[str, str], ...] = ()
    links: tuple[str, ...] = ()  # "supports PTa", "also attacks P7"
    mark: Mark | None = None
    angles: tuple[Angle, ...] = ()  # open critical questions on this node


@dataclass(frozen=True, slots=True)
class ReasonGroup:
    """Premises that support their parent together (`joint`), or one premise alone."""

    joint: bool
    depth: int
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Exchange:
    """An attack and the replies to it, alternating sides ("they say" / "we say")."""

    point: Point
    replies: tuple[Exchange, ...]
    elsewhere: bool = False  # a whole contention: its own section answers its attacks
    home: str = ""  # the anchor of the section that answers it, when that is elsewhere

    @property
    def answered(self) -> bool:
        return bool(self.replies) or self.elsewhere


@dataclass(frozen=True, slots=True)
class Block:
    """Their argument (they say) and our numbered answers (we say)."""

    claim: Point
    answers: tuple[Exchange, ...]
    fed_by: tuple[Exchange, ...]  # their attacks elsewhere that also support this argument


@dataclass(frozen=True, slots=True)
class Frontline:
    """An argument of ours and the attacks we expect on it, each with our prepared answers."""

    claim: Point
    attacks: tuple[Exchange, ...]


@dataclass(frozen=True, slots=True)
class Angle:
    """An open critical question on one node; on their side numbered for cross-examination."""

    number: int  # 0 on our own nodes
    code: str
    tag: str
    question: str
    attack: str


@dataclass(frozen=True, slots=True)
class Vulnerability:
    """The weak spots of one argument of ours: attacks with no answer, open questions."""

    claim: Point
    unanswered: tuple[Point, ...]
    questions: tuple[Angle, ...]  # open critical questions on it or its premises


@dataclass(frozen=True, slots=True)
class WeighingRow:
    """One impact in the weighing table: a short value per axis, the reasons below it.

    A value written "high (because ...)" shows "high" in its cell and the reason in
    `notes`, printed under the row: a table cell holds a word or a phrase, not an essay.
    """

    point: Point
    values: tuple[str, ...]  # one per IMPACT_AXES, "" when the map says nothing
    notes: tuple[tuple[str, str], ...] = ()  # (axis, why) for values that give a reason


def _weighing_row(point: Point, values: Sequence[str]) -> WeighingRow:
    short, notes = [], []
    for axis, value in zip(IMPACT_AXES, values, strict=True):
        head, paren, why = value.partition(" (")
        if paren and why.endswith(")") and head.strip():
            short.append(head)
            notes.append((axis, why[:-1]))
        else:
            short.append(value)
    return WeighingRow(point, tuple(short), tuple(notes))


@dataclass(frozen=True, slots=True)
class Outweighing:
    """A weighing claim from the map: `source` outweighs `target`."""

    source: Point
    target: Point


@dataclass(frozen=True, slots=True)
class CardUse:
    code: str
    quote: str | None
    locator: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One source of the evidence index, with every card the sheet cites from it."""

    label: str
    citation: str  # author (qualifications). "Title." Publication. Date. URL (accessed ...).
    source: Source
    uses: tuple[CardUse, ...]
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    motion: str | None
    side: str
    side_label: str
    other_label: str
    format: str
    article: str | None  # the source article as one line: author, "title", outlet, date
    article_url: str | None
    file: str
    generated: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    symbol: str
    meaning: str


@dataclass(frozen=True, slots=True)
class BriefContext:
    """A briefing sheet for one side of one map."""

    side: Side
    header: Header
    legend: tuple[LegendEntry, ...]
    theses: tuple[Point, ...]
    contentions: tuple[Point, ...]
    vulnerabilities: tuple[Vulnerability, ...]
    blocks: tuple[Block, ...]
    frontlines: tuple[Frontline, ...]
    weighing: tuple[WeighingRow, ...]
    outweighing: tuple[Outweighing, ...]
    cross_ex: tuple[Angle, ...]
    sources: tuple[SourceEntry, ...]
    impact_axes: tuple[str, ...] = IMPACT_AXES


def build_context(
    graph: MapGraph,
    side: Side,
    *,
    verdicts: Mapping[str, Verdict] | None = None,
    questions: Sequence[OpenQuestion] | None = None,
    full_text: bool = False,
    generated: dt.date | None = None,
) -> BriefContext:
    """The sheet for `side`.

    `verdicts` add status marks; `questions` add attack angles, vulnerabilities and
    cross-examination questions. A sheet prints tag lines, as debaters use them in the
    round; `full_text` adds each titled node's full text under its tag.
    """
    builder = _Builder(graph, side, verdicts, questions or (), full_text)
    return builder.build(generated or dt.date.today())


@dataclass
class _Cards:
    """Collects the cards the sheet cites, for the evidence index."""

    graph: MapGraph
    labels: dict[str, str] = field(default_factory=dict)
    uses: dict[str, list[CardUse]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # nodes whose cards are already recorded

    def __post_init__(self) -> None:
        self.labels = source_labels(self.graph.map)

    def cite(self, node: MapNode, code: str) -> tuple[CardRef, ...]:
        if node.id not in self.seen:
            self.seen.add(node.id)
            for card in node.node.evidence:
                use = CardUse(code, card.quote, card.locator, card.note)
                self.uses.setdefault(card.source, []).append(use)
        sources = self.graph.map.sources
        return tuple(
            CardRef(
                self.labels[c.source],
                c.quote,
                _citation(sources[c.source]),
                c.locator,
                c.note,
                source_anchor(c.source),
            )
            for c in node.node.evidence
        )

    def index(self) -> tuple[SourceEntry, ...]:
        """Every cited source, in the alphabetical order of its label (a reference list)."""
        entries = []
        for source_id, uses in self.uses.items():
            s = self.graph.map.sources[source_id]
            entries.append(
                SourceEntry(
                    self.labels[source_id], _citation(s), s, tuple(uses), source_anchor(source_id)
                )
            )
        return tuple(sorted(entries, key=lambda e: e.label.casefold()))


def source_anchor(source_id: str) -> str:
    """The HTML id of a source's entry in the evidence index (ids are already safe)."""
    return f"src-{source_id}"


# (ours, status) -> glyph, word, view: the marks read from the sheet's side. A point of
# theirs that holds is a danger to us, not a tick; one we beat is struck out.
MARK_VIEWS: dict[tuple[bool, Status], tuple[str, str, str]] = {
    (True, Status.STANDS): ("\u2714", "Holds", "good"),
    (True, Status.UNSUPPORTED): ("?", "Holds unsupported", "open"),
    (True, Status.FALLS): ("\u26a0", "Falls", "danger"),
    (True, Status.CONTESTED): ("\u25d0", "Contested", "open"),
    (True, Status.CUT): ("\u2702", "Cut off", "danger"),
    (False, Status.STANDS): ("\u26a0", "Danger: holds", "danger"),
    (False, Status.UNSUPPORTED): ("\u26a0", "Danger: unanswered", "danger"),
    (False, Status.FALLS): ("\u2718", "Beaten", "beaten"),
    (False, Status.CONTESTED): ("\u25d0", "Contested", "open"),
    (False, Status.CUT): ("\u2702", "Cut off", "beaten"),
}


def _citation(s: Source) -> str:
    """A full citation in one line, each part closed by one full stop."""
    author = s.author + (f" ({s.qualifications})" if s.qualifications else "")
    url = (s.url + (f" (accessed {s.accessed})" if s.accessed else "")) if s.url else None
    parts = [author, f"\u201c{_closed(s.title)}\u201d", s.publication, s.date, url]
    return " ".join(_closed(p) if i != 1 else p for i, p in enumerate(parts) if p)


def _closed(text: str) -> str:
    return text if text.rstrip().endswith((".", "?", "!", ")\u201d")) else text + "."


class _Builder:
    def __init__(
        self,
        graph: MapGraph,
        side: Side,
        verdicts: Mapping[str, Verdict] | None,
        questions: Sequence[OpenQuestion],
        full_text: bool,
    ) -> None:
        self.graph = graph
        self.full_text = full_text
        self.side = side
        self.verdicts = verdicts
        self.codes = graph.codes
        self.letters = side_letters(graph)
        self.cards = _Cards(graph)
        self.order = {node_id: i for i, node_id in enumerate(graph.nodes)}
        self._arguments: dict[str, list[str]] = {}
        self.angles: dict[str, list[Angle]] = {}
        asked: dict[str, list[OpenQuestion]] = {}
        for question in questions:
            asked.setdefault(question.node, []).append(question)
        number = 0
        for node in graph:  # document order, so cross-examination follows the map
            for q in asked.get(node.id, ()):
                theirs = not self._ours(node.id)
                number += theirs
                angle = Angle(
                    number if theirs else 0,
                    self.codes[node.id],
                    node.label,
                    q.question,
                    q.attack.value,
                )
                self.angles.setdefault(node.id, []).append(angle)
        framing = set(theses(graph))
        self.theses = [r for r in graph.roots if r in framing]
        self.contentions = [r for r in graph.roots if r not in framing]

    # --- sections ---------------------------------------------------------------------

    def build(self, generated: dt.date) -> BriefContext:
        ours = [r for r in (*self.theses, *self.contentions) if self._ours(r)]
        theirs = [r for r in (*self.theses, *self.contentions) if not self._ours(r)]
        thesis_points = tuple(self.point(r, reasons=True) for r in self.theses if self._ours(r))
        contentions = tuple(self.point(r, reasons=True) for r in self.contentions if self._ours(r))
        blocks = tuple(self.block(r) for r in theirs)
        frontlines = tuple(
            Frontline(self.point(r, reasons=True, detail=True), self.attacks_on(r, set()))
            for r in ours
        )
        weighing = tuple(
            _weighing_row(self.point(n.id), self._impact_values(n))
            for n in sorted(
                (n for n in self.graph if n.node.impact is not None),
                key=lambda n: not self._ours(n.id),
            )
        )
        outweighing = tuple(
            Outweighing(self.point(e.source), self.point(e.target))
            for e in self.graph.edges
            if e.relation is Relation.OUTWEIGH
        )
        return BriefContext(
            side=self.side,
            header=self.header(generated),
            legend=self.legend(),
            theses=thesis_points,
            contentions=contentions,
            vulnerabilities=self.vulnerabilities(frontlines),
            blocks=blocks,
            frontlines=frontlines,
            weighing=weighing,
            outweighing=outweighing,
            cross_ex=self.cross_ex(),
            sources=self.cards.index(),
        )

    def header(self, generated: dt.date) -> Header:
        argmap = self.graph.map
        article = argmap.source
        line = url = None
        if article is not None:
            parts = [article.author, f"\u201c{article.title}\u201d", article.publication]
            line = ", ".join(p for p in (*parts, article.date) if p)
            url = article.url
        return Header(
            title=argmap.title,
            motion=argmap.motion,
            side=self.side.value,
            side_label=self.graph.side_label(self.side),
            other_label=self.graph.side_label(self.side.other),
            format=FORMAT_NAMES[argmap.format],
            article=line,
            article_url=url,
            file=Path(self.graph.file).name,
            generated=generated.isoformat(),
        )

    def legend(self) -> tuple[LegendEntry, ...]:
        ours, theirs = (self.letters[s] for s in (self.side, self.side.other))
        entries = [
            LegendEntry(
                f"{ours}1, {theirs}2", f"contentions by side; {ours}1a = premise a of {ours}1"
            ),
            LegendEntry(f"{theirs}1.3", f"the 3rd attack on {theirs}1 (our 3rd answer to it)"),
        ]
        if any(self._ours(t) for t in self.theses):
            entries.append(LegendEntry(f"{ours}T", "a thesis: the claim our contentions support"))
        if self.verdicts is not None:
            entries += [
                LegendEntry("\u2714 Holds", "a point of ours that holds"),
                LegendEntry("\u26a0 Danger", "their point holds, or ours falls"),
                LegendEntry("\u2718 Beaten", "a point of theirs we beat"),
                LegendEntry(
                    "\u2702 Cut off", "true, but an answer cuts its link: it counts no more"
                ),
                LegendEntry("\u25d0 Contested", "attack and defence undecided"),
            ]
        entries += [LegendEntry(words, formal) for words, formal in attack_legend()]
        entries.append(LegendEntry("[Author Year]", "a card; its source is in the evidence index"))
        return tuple(entries)

    def block(self, root: str) -> Block:
        members = self.argument(root)
        fed_by = tuple(
            replace(self.exchange(e.source, root, {root}), home=self._home(e.source))
            for member in members
            for e in self.graph.edges_into(member, Relation.SUPPORT)
            if e.cross_link and self.graph[e.source].role is Role.REBUTTAL
        )
        claim = self.point(root, reasons=True, detail=True)
        return Block(claim, self.attacks_on(root, set()), fed_by)

    def vulnerabilities(self, frontlines: Iterable[Frontline]) -> tuple[Vulnerability, ...]:
        found: list[Vulnerability] = []
        for line in frontlines:
            unanswered = tuple(a.point for a in line.attacks if not a.answered)
            questions = tuple(
                angle
                for member in self.argument(line.claim.id)
                for angle in self.angles.get(member, ())
            )
            if unanswered or questions:
                found.append(Vulnerability(line.claim, unanswered, questions))
        return tuple(found)

    def cross_ex(self) -> tuple[Angle, ...]:
        return tuple(a for node in self.graph for a in self.angles.get(node.id, ()) if a.number)

    # --- building blocks ----------------------------------------------------------------

    def attacks_on(self, head: str, path: set[str]) -> tuple[Exchange, ...]:
        """Attacks on the argument `head` (itself or its premises), each with its replies.

        Rebuttals written under the argument come first, in the order of their codes
        (head.1, head.2, ...); attacks linked in from elsewhere follow.
        """
        side = self.graph[head].side
        edges = [
            edge
            for member in self.argument(head)
            for edge in self.graph.edges_into(member, Relation.ATTACK)
            if self.graph[edge.source].side is not side and edge.source not in path
        ]
        edges.sort(key=lambda e: (e.cross_link, self.order[e.source]))
        attackers = dict.fromkeys(e.source for e in edges)  # once each, in that order
        return tuple(self.exchange(a, head, path | {head}) for a in attackers)

    def exchange(self, node_id: str, head: str, path: set[str]) -> Exchange:
        node = self.graph[node_id]
        if argument_head(self.graph, node_id) != node_id or node.role is Role.CLAIM:
            # a contention (or one of its premises) that also hits this argument:
            # its own section shows its reasons and deals with the attacks on it
            point = self.point(node_id, against=head)
            return Exchange(point, (), elsewhere=True, home=self._home(node_id))
        point = self.point(node_id, reasons=True, against=head, detail=True)
        return Exchange(point, self.attacks_on(node_id, path))

    def point(
        self,
        node_id: str,
        *,
        reasons: bool = False,
        against: str | None = None,
        detail: bool = False,
    ) -> Point:
        """One node as printed; `detail` (blocks and frontlines, which are read aloud)
        adds its full text under its tag whatever `full_text` says."""
        node = self.graph[node_id]
        code = self.codes[node_id]
        target = None
        if against is not None:
            hits = [
                e.target
                for e in self.graph.edges_from(node_id)
                if e.relation in (Relation.ATTACK, Relation.SUPPORT)
                and e.target in self.argument(against)
            ]
            if hits and hits[0] != against:
                target = self.codes[hits[0]]
        attack = node.attack
        if attack is None and against is not None:  # a cross-link attack
            kinds = [
                e.attack
                for e in self.graph.edges_from(node_id, Relation.ATTACK)
                if e.target in self.argument(against)
            ]
            attack = kinds[0] if kinds else None
        on_evidence = bool(against) and any(
            self.graph[e.target].node.evidence
            for e in self.graph.edges_from(node_id, Relation.ATTACK)
        )
        return Point(
            id=node_id,
            code=code,
            tag=node.label,
            text=node.text if (self.full_text or detail) and node.node.title else None,
            ours=self._ours(node_id),
            role=node.role.value,
            attack=attack.value if attack else None,
            words=attack_words(attack, turn=node.node.turn, on_evidence=on_evidence)
            if attack or node.role is Role.REBUTTAL
            else None,
            turn=node.node.turn,
            target=target,
            implicit=node.node.implicit,
            analytic=node.node.analytic,
            cards=self.cards.cite(node, code),
            reasons=self._reasons(node, 0) if reasons else (),
            impact=tuple(
                (k, v) for k, v in zip(IMPACT_AXES, self._impact_values(node), strict=True) if v
            ),
            links=tuple(self._links(node)),
            mark=self._mark(node_id),
            # ours are listed once, as vulnerabilities; theirs stand under the point as angles
            angles=() if self._ours(node_id) else tuple(self.angles.get(node_id, ())),
        )

    def _reasons(self, node: MapNode, depth: int) -> tuple[ReasonGroup, ...]:
        groups: list[ReasonGroup] = []
        done: set[str] = set()
        for premise_id in node.premises:
            if premise_id in done:
                continue
            group = self.graph[premise_id].node.group
            members = [
                p
                for p in node.premises
                if p == premise_id or (group is not None and self.graph[p].node.group == group)
            ]
            done.update(members)
            points = tuple(self.point(p) for p in members)
            groups.append(ReasonGroup(len(members) > 1, depth, points))
            for member in members:
                groups.extend(self._reasons(self.graph[member], depth + 1))
        return tuple(groups)

    def _links(self, node: MapNode) -> list[str]:
        words = {Relation.SUPPORT: "supports", Relation.ATTACK: "also attacks"}
        return [
            f"{words[e.relation]} {self.codes[e.target]}"
            for e in self.graph.edges_from(node.id)
            if e.cross_link and e.relation in words
        ]

    def _impact_values(self, node: MapNode) -> tuple[str, ...]:
        impact = node.node.impact
        return tuple((getattr(impact, axis) or "") if impact else "" for axis in IMPACT_AXES)

    def _mark(self, node_id: str) -> Mark | None:
        if self.verdicts is None or node_id not in self.verdicts:
            return None
        verdict = self.verdicts[node_id]
        status = verdict.status
        glyph, word, view = MARK_VIEWS[self._ours(node_id), status]
        return Mark(status.value, glyph, word, verdict.reason, view)

    def _home(self, node_id: str) -> str:
        """The anchor of the section where `node_id`'s argument is set out and answered."""
        root = self.graph[node_id]
        while root.parent is not None:
            root = self.graph[root.parent]
        return f"{'fl' if self._ours(root.id) else 'a2'}-{self.codes[root.id]}"

    def argument(self, head: str) -> list[str]:
        if head not in self._arguments:
            self._arguments[head] = argument_nodes(self.graph, head)
        return self._arguments[head]

    def _ours(self, node_id: str) -> bool:
        return self.graph[node_id].side is self.side
