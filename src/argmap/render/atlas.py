"""Atlas: a map too big for one sheet of paper, split into pages that refer to each other.

Page 1 is an overview of the top levels (titles only, with the key). Then every
contention is drawn in full: small ones share a page, a big one is drawn
breadth-first as deep as still fits; where a subtree is cut off, its node says
"continued on p. N" and the subtree goes on a later page, packed with others.
What fits is estimated by `size.Sizer`; each page is drawn top to bottom or left
to right, whichever holds more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from argmap.graph import MapGraph, Relation
from argmap.render.choices import Direction
from argmap.render.size import Look, Sizer
from argmap.render.view import Page


@dataclass
class _Plan:
    roots: list[str]
    nodes: list[str]
    cuts: list[str]
    look: Look
    overview: bool = False


LOOK_AHEAD = 4  # later subtrees tried for a page's spare room (bounded: speed)


class _Planner:
    def __init__(self, sizer: Sizer, nodes: Sequence[str], look: Look) -> None:
        self.sizer = sizer
        self.graph = sizer.graph
        self.overview_look = replace(look, titles_only=True, stubs=False)
        self.look = replace(look, legend=False)  # the key is drawn on the overview
        self.in_view = set(nodes)
        self.order = {node_id: i for i, node_id in enumerate(nodes)}
        self._subtrees: dict[str, list[str]] = {}

    def children(self, node_id: str) -> list[str]:
        node = self.graph[node_id]
        return [c for c in (*node.premises, *node.rebuttals) if c in self.in_view]

    def subtree(self, node_id: str) -> list[str]:
        if node_id not in self._subtrees:
            found = [n.id for n in self.graph.descendants(node_id) if n.id in self.in_view]
            self._subtrees[node_id] = found
        return self._subtrees[node_id]

    def fill(self, roots: list[str], look: Look, *, forced: bool) -> _Plan:
        """The roots, then children breadth-first while the page still fits; with
        `forced`, the roots' own children always (a page must show one level)."""
        nodes = list(roots)
        chosen = set(roots)
        cuts: list[str] = []
        queue = list(roots)
        for node_id in queue:
            kids = [k for k in self.children(node_id) if k not in chosen]
            if not kids:
                continue
            candidate = nodes + kids
            if (forced and node_id in roots) or self.sizer.fits(candidate, look):
                nodes = candidate
                chosen.update(kids)
                queue.extend(kids)
            else:
                cuts.append(node_id)
        nodes.sort(key=self.order.__getitem__)
        cuts.sort(key=self.order.__getitem__)
        return _Plan(roots, nodes, cuts, look)

    def fill_either_way(self, roots: list[str], look: Look, *, forced: bool) -> _Plan:
        """`fill`, turned the other way when the least a page must show reads larger so."""
        plan = self.fill(roots, look, forced=forced)
        if self.sizer.fits(plan.nodes, plan.look):
            return plan
        other = Direction.LR if look.direction is Direction.TB else Direction.TB
        flipped = self.fill(roots, replace(look, direction=other), forced=forced)
        if self.sizer.scale(flipped.nodes, flipped.look) > self.sizer.scale(plan.nodes, plan.look):
            return flipped
        return plan

    def pack(self, pending: list[str]) -> list[_Plan]:
        """Pages that draw each pending subtree in full. A page starts with the next
        subtree (whole if it fits, else as deep as fits, its cut-off parts queued next),
        then takes any of the next LOOK_AHEAD whole subtrees that still fit beside it.
        Each page is tried both ways round; the way that holds more nodes is kept."""
        plans: list[_Plan] = []
        pending = list(pending)
        while pending:
            first = pending.pop(0)
            best: tuple[_Plan, list[str]] | None = None
            for look in self._looks():
                plan = self.fill([first], look, forced=True)
                rest = [*pending, *plan.cuts]  # leftovers last: they pack together
                skipped: list[str] = []
                while rest and len(skipped) < LOOK_AHEAD:
                    candidate = rest.pop(0)
                    more = plan.nodes + self.subtree(candidate)
                    if self.sizer.fits(more, look):
                        plan.roots.append(candidate)
                        plan.nodes = more
                        if candidate in plan.cuts:
                            plan.cuts.remove(candidate)
                    else:
                        skipped.append(candidate)
                if best is None or self._better(plan, best[0]):
                    best = (plan, skipped + rest)
            assert best is not None
            plan, pending = best
            plan.nodes.sort(key=self.order.__getitem__)
            plans.append(plan)
        return plans

    def _better(self, plan: _Plan, than: _Plan) -> bool:
        """More nodes on a page that fits; of two that do not, the one that reads larger."""
        fits, fitted = (
            self.sizer.fits(plan.nodes, plan.look),
            self.sizer.fits(than.nodes, than.look),
        )
        if fits != fitted:
            return fits
        if fits:  # more nodes, weighed by how large they print
            return self._worth(plan) > self._worth(than)
        return self.sizer.scale(plan.nodes, plan.look) > self.sizer.scale(than.nodes, than.look)

    def _worth(self, plan: _Plan) -> float:
        return len(plan.nodes) * min(1.0, self.sizer.scale(plan.nodes, plan.look))

    def _looks(self) -> list[Look]:
        other = Direction.LR if self.look.direction is Direction.TB else Direction.TB
        return [self.look, replace(self.look, direction=other)]

    def plan(self, roots: list[str]) -> list[_Plan]:
        top = list(roots)
        for root in roots:  # what the contentions support belongs on the overview too
            for edge in self.graph.edges_from(root, Relation.SUPPORT):
                current: str | None = edge.target if edge.cross_link else None
                while current is not None and current in self.in_view and current not in top:
                    top.append(current)
                    current = self.graph[current].parent
        top.sort(key=self.order.__getitem__)
        overview = self.fill_either_way(top, self.overview_look, forced=False)
        overview.overview = True
        # the overview draws titles only: every contention, even one with nothing
        # under it, is drawn in full on a later page (issue 18)
        return [overview, *self.pack(roots)]


def _heading(graph: MapGraph, plan: _Plan, number: int, total: int, up: int | None) -> str:
    if plan.overview:
        return (
            f"Overview, page 1 of {total}: the top levels, titles only; "
            "each contention is drawn in full on its own page"
        )
    names = ", ".join(_code(graph, root) for root in plan.roots)
    if up is None or all(graph[root].parent is None for root in plan.roots):
        return f"Page {number} of {total}: {names} \u00b7 overview on p. 1"
    return f"Page {number} of {total}: {names}, continued from p. {up} \u00b7 overview on p. 1"


def _caption(graph: MapGraph, plan: _Plan) -> str:
    if plan.overview:
        return "Overview"
    first = graph[plan.roots[0]]
    more = f" (+{len(plan.roots) - 1})" if len(plan.roots) > 1 else ""
    return f"{_code(graph, first.id)}{more}: {first.label[:60]}"


def _code(graph: MapGraph, node_id: str) -> str:
    """The debate code a page names a node by (the briefs' code system)."""
    return graph.codes.get(node_id) or node_id


def plan_atlas(sizer: Sizer, nodes: Sequence[str], roots: list[str], look: Look) -> list[Page]:
    """The pages of an atlas of `nodes` (a view's nodes, document order) under `roots`."""
    planner = _Planner(sizer, nodes, look)
    plans = planner.plan(roots)
    total = len(plans)
    children_home: dict[str, int] = {}  # node -> page that draws it with its children
    cut_on: dict[str, int] = {}  # node -> page where its subtree is cut off
    home: dict[str, int] = {}  # node -> page to read it on: its contention page, else p. 1
    for number, plan in enumerate(plans, start=1):
        on = set(plan.nodes)
        for node_id in plan.nodes:
            kids = planner.children(node_id)
            if kids and all(k in on for k in kids):
                children_home.setdefault(node_id, number)
            if not plan.overview:
                home.setdefault(node_id, number)
        if not plan.overview:
            for node_id in plan.cuts:
                cut_on.setdefault(node_id, number)
    for node_id in plans[0].nodes:
        home.setdefault(node_id, 1)
    pages: list[Page] = []
    for number, plan in enumerate(plans, start=1):
        on = set(plan.nodes)
        continued = {
            n: children_home[n]
            for n in plan.nodes
            if children_home.get(n, number) != number
            and any(k not in on for k in planner.children(n))
        }
        ups = [cut_on[root] for root in plan.roots if root in cut_on]
        up = None if plan.overview else (ups[0] if ups else 1)
        pages.append(
            Page(
                nodes=tuple(plan.nodes),
                number=number,
                total=total,
                heading=_heading(sizer.graph, plan, number, total, up),
                caption=_caption(sizer.graph, plan),
                name=f"{number:02d}-{'overview' if plan.overview else plan.roots[0]}",
                up=up,
                continued=continued,
                home=home,
                titles_only=plan.look.titles_only,
                legend=plan.look.legend,
                stubs=plan.look.stubs,
                direction=plan.look.direction,
            )
        )
    return pages
