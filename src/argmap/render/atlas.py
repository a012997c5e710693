"""Atlas: a map too big for one sheet of paper, split into pages that refer to each other.

Page 1 is an overview of the top levels (titles only, with the key if it fits).
Then every node is drawn in full once: small subtrees share a page, a big one is
drawn breadth-first as deep as still fits; where a subtree is cut off, its node says
"continued on p. N" and the subtree goes on a later page, under a small box that
recalls its top. What fits is first estimated (`size.Sizer`), then measured: with a
`Measure`, pages Graphviz draws below `MIN_SCALE` are planned again, smaller, and
pages with room to spare are joined (`_refit`). Each page is drawn top to bottom or
left to right, whichever holds more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from argmap.graph import MapGraph, Relation
from argmap.render.choices import Direction
from argmap.render.size import MIN_SCALE, Look, Sizer
from argmap.render.view import Page


@dataclass
class _Plan:
    roots: list[str]
    nodes: list[str]
    cuts: list[str]
    look: Look
    overview: bool = False
    orphans: list[str] = field(default_factory=list)  # a root's children left for later


LOOK_AHEAD = 4  # later subtrees tried for a page's spare room (bounded: speed)


class _Planner:
    def __init__(self, sizer: Sizer, nodes: Sequence[str], look: Look) -> None:
        self.sizer = sizer
        self.graph = sizer.graph
        # the overview leaves the key to a page of its own, at the end: above the drawing it
        # took a third of the sheet and shrank the type
        self.overview_look = replace(look, titles_only=True, stubs=False, legend=False)
        self.keyed = look.legend
        self.look = replace(look, legend=False, masthead=False)  # the key: on the overview
        self.in_view = set(nodes)
        self.order = {node_id: i for i, node_id in enumerate(nodes)}
        self._subtrees: dict[str, list[str]] = {}
        self.top: list[str] = []  # the overview's subtrees: the contentions and the thesis

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
        `forced`, the roots' own children as far as they fit (at least one): the rest
        are orphans, drawn on a later page that says where they continue from."""
        nodes = list(roots)
        chosen = set(roots)
        cuts: list[str] = []
        orphans: list[str] = []
        queue = list(roots)
        for node_id in queue:
            kids = [k for k in self.children(node_id) if k not in chosen]
            if not kids:
                continue
            if forced and node_id in roots and not self.sizer.fits(nodes + kids, look):
                taken = kids[:1]
                for kid in kids[1:]:
                    if not self.sizer.fits(nodes + taken + [kid], look):
                        break
                    taken.append(kid)
                orphans.extend(kids[len(taken) :])
                kids = taken
            candidate = nodes + kids
            if (forced and node_id in roots) or self.sizer.fits(candidate, look):
                nodes = candidate
                chosen.update(kids)
                queue.extend(kids)
            else:
                cuts.append(node_id)
        nodes.sort(key=self.order.__getitem__)
        cuts.sort(key=self.order.__getitem__)
        return _Plan(roots, nodes, cuts, look, orphans=orphans)

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
                rest = [*pending, *plan.cuts, *plan.orphans]  # leftovers last: they pack
                skipped: list[str] = []
                while rest and len(skipped) < LOOK_AHEAD:
                    candidate = rest.pop(0)
                    drawn = set(plan.nodes)  # a cut node may come back to its own page
                    more = plan.nodes + [n for n in self.subtree(candidate) if n not in drawn]
                    if self.sizer.fits(more, look):
                        plan.roots.append(candidate)
                        plan.nodes = more
                        for leftover in (plan.cuts, plan.orphans):
                            if candidate in leftover:
                                leftover.remove(candidate)
                    else:
                        skipped.append(candidate)
                if best is None or self._better(plan, best[0]):
                    best = (plan, skipped + rest)
            assert best is not None
            plan, pending = best
            plan.nodes.sort(key=self.order.__getitem__)
            plans.append(plan)
            # a cut node is drawn in full here; where its subtree goes on, it is recalled
            # by a small box (`Page.recaps`), which the size estimate must know of
            self.sizer.recall(plan.cuts)
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
        self.top = top
        # the overview draws titles only: every contention, even one with nothing
        # under it, is drawn in full on a later page (issue 18)
        return [self.overview(), *self.pack(roots)]

    def overview(self, *, key: bool = True) -> _Plan:
        """Page 1: the contentions and what they support, with as many levels under them
        as fit, and the key if it fits there too (`key=False`: the key goes elsewhere)."""
        overview = self.fill_either_way(self.top, self.overview_look, forced=False)
        overview.overview = True
        keyed = replace(overview.look, legend=True)
        if key and self.keyed and self.sizer.fits(overview.nodes, keyed):
            overview.look = keyed  # the key fits under the overview: no page of its own
        return overview


def _heading(graph: MapGraph, plan: _Plan, number: int, total: int, up: int | None) -> str:
    if plan.overview:
        return (
            f"Overview, page 1 of {total}: the top levels, titles only; "
            "each contention is drawn in full on its own page"
        )
    names = ", ".join(debate_code(graph, root) for root in plan.roots)
    if number == 1:  # the whole view on one page
        return names + (f" \u00b7 the key is on p. {total}" if total > 1 else "")
    if up is None or all(graph[root].parent is None for root in plan.roots):
        return f"Page {number} of {total}: {names} \u00b7 overview on p. 1"
    return f"Page {number} of {total}: {names}, continued from p. {up} \u00b7 overview on p. 1"


def _caption(graph: MapGraph, plan: _Plan) -> str:
    if plan.overview:
        return "Overview"
    first = graph[plan.roots[0]]
    more = f" (+{len(plan.roots) - 1})" if len(plan.roots) > 1 else ""
    return f"{debate_code(graph, first.id)}{more}: {first.label[:60]}"


def debate_code(graph: MapGraph, node_id: str) -> str:
    """The debate code a page names a node by (the briefs' code system)."""
    return graph.codes.get(node_id) or node_id


Size = tuple[float, float]
Measure = Callable[[Sequence[Page]], list[Size | None]]
"""Lays pages out and says how large each draws, in points (None: not measured)."""

JOIN_AREA = 0.9  # most of a sheet that pages joined into one may cover, side by side
JOIN_AHEAD = 6  # later pages a page may be joined with
ROUNDS = 6  # rounds of splitting pages Graphviz drew too small, then of joining small ones


def plan_atlas(
    sizer: Sizer,
    nodes: Sequence[str],
    roots: list[str],
    look: Look,
    measure: Measure | None = None,
    *,
    whole: bool = True,
    paper_key: bool = True,
) -> list[Page]:
    """The pages of an atlas of `nodes` (a view's nodes, document order) under `roots`.

    Pages are planned from the size estimate. A view that then fits one page is drawn
    on one page, without an overview (unless not `whole`), with the key where it still
    fits, else (`paper_key`) on a page of its own; on a screen (not `paper_key`) the key
    stays on the drawing. With `measure`, Graphviz has
    the last word: a page it draws below `MIN_SCALE` is planned again on its own, smaller, and
    neighbouring pages that it draws with room to spare are joined where they still fit.
    """
    planner = _Planner(sizer, nodes, look)
    plans = planner.plan(roots)
    if measure is not None:
        plans = _refit(planner, plans, measure)
    if whole and len(plans) == 2 and set(plans[1].nodes) == set(nodes):
        # one page holds the whole view: no overview; the key on it if it still fits
        single = plans[1]
        keyed = replace(single, look=replace(single.look, legend=planner.keyed, masthead=True))
        size = measure(_pages(planner, [keyed], key=False))[0] if measure else None
        fits = sizer.fit(size) >= MIN_SCALE if size else sizer.fits(single.nodes, keyed.look)
        fits = fits or not paper_key
        plans = [keyed if fits else replace(single, look=replace(single.look, masthead=True))]
    return _pages(planner, plans)


def _refit(planner: _Planner, plans: list[_Plan], measure: Measure) -> list[_Plan]:
    """Split the pages Graphviz draws too small, join runs of pages it draws with room to
    spare, then check every page as it will print and split again where needed."""
    known: dict[tuple[tuple[str, ...], Look], Size | None] = {}

    def sizes_of(plans: list[_Plan]) -> list[Size | None]:
        """Measured sizes, laying out only pages not measured before (page numbers
        in "continued on p. N" change a label's width by a digit at most)."""
        pages = _pages(planner, plans)
        keys = [(tuple(plan.nodes), plan.look) for plan in plans]
        new = [i for i, key in enumerate(keys) if key not in known]
        for i, size in zip(new, measure([pages[i] for i in new]), strict=True):
            known[keys[i]] = size
        return [known[key] for key in keys]

    sizes = sizes_of(plans)
    for _ in range(ROUNDS):
        if not _shrink(planner, plans, sizes):
            break
        sizes = sizes_of(plans)
    _join(planner, plans, sizes, measure)  # joined pages are measured as they will print
    for _ in range(ROUNDS):
        if not _shrink(planner, plans, sizes):
            break
        sizes = sizes_of(plans)
    return plans


def _shrink(planner: _Planner, plans: list[_Plan], sizes: Sequence[Size | None]) -> bool:
    """Plan again, smaller, each page drawn below `MIN_SCALE` (in place); False if none.

    The estimate for what such a page holds grows by what it missed (and a little more,
    so the page is not planned the same again). The overview first gives its key a page
    of its own, then levels under the contentions."""
    sizer = planner.sizer

    def scale(size: Size | None) -> float:
        return sizer.fit(size) if size is not None else 1.0

    def correct(plan: _Plan, nodes: Sequence[str], size: Size | None) -> None:
        estimate = max(sizer.scale(plan.nodes, plan.look), MIN_SCALE)
        sizer.correct(nodes, estimate / scale(size) * 1.03)

    changed = False
    overview = plans[0]
    if overview.overview and scale(sizes[0]) < MIN_SCALE:
        if not overview.look.legend:
            correct(overview, overview.nodes, sizes[0])
        plans[0] = planner.overview(key=False)
        changed = (plans[0].nodes, plans[0].look) != (overview.nodes, overview.look)
    for i in reversed(range(1, len(plans))):
        plan = plans[i]
        if i < len(sizes) and scale(sizes[i]) < MIN_SCALE and _splittable(plan):
            correct(plan, plan.roots, sizes[i])
            plans[i : i + 1] = _split(planner, plan)
            changed = True
    return changed


def _splittable(plan: _Plan) -> bool:
    """More than the least a page holds: a subtree's top with one of its children."""
    return not plan.overview and len(plan.nodes) > len(plan.roots) + 1


def _split(planner: _Planner, plan: _Plan) -> list[_Plan]:
    """The nodes of one page planned again on their own, onto as many pages as they need;
    what the page left for later (its cuts, its roots' orphans) stays left for later."""
    sub = _Planner(planner.sizer, plan.nodes, planner.look)
    parts = sub.pack(list(plan.roots))
    for node_id in (*plan.cuts, *plan.orphans):
        anchor = node_id if node_id in plan.cuts else planner.graph[node_id].parent
        for part in parts:
            if anchor in part.nodes:
                (part.cuts if node_id in plan.cuts else part.orphans).append(node_id)
                break
    return parts


def _join(
    planner: _Planner, plans: list[_Plan], sizes: list[Size | None], measure: Measure
) -> None:
    """Pages joined into one where Graphviz draws them together at reading size (in place,
    `sizes` with them).

    A page takes later pages (up to `JOIN_AHEAD` on) while their drawings, at `MIN_SCALE`,
    cover at most `JOIN_AREA` of a sheet (side by side, subtrees leave gaps). A group
    that Graphviz draws too small is tried the other way round next time, then with
    one page fewer."""
    sizer = planner.sizer
    short, long = sizer.paper.printable

    def area(size: Size | None) -> float:
        return size[0] * size[1] * MIN_SCALE**2 / (short * long) if size else 2.0

    most: dict[tuple[str, ...], int] = {}  # a page's roots -> most pages to join it with
    flipped: set[tuple[tuple[str, ...], int]] = set()  # groups to try the other way round
    for _ in range(ROUNDS):
        groups: list[tuple[list[int], _Plan]] = []
        used: set[int] = set()
        for i in range(1, len(plans)):  # the overview stays on its own
            if i in used:
                continue
            group, joined, covered = [i], plans[i], area(sizes[i])
            limit = most.get(tuple(plans[i].roots), JOIN_AHEAD)
            for j in range(i + 1, min(len(plans), i + 1 + JOIN_AHEAD)):
                if len(group) > limit or j in used or covered + area(sizes[j]) > JOIN_AREA:
                    continue
                together = _joined(planner, joined, plans[j], joined.look)
                if together is not None:
                    group.append(j)
                    joined, covered = together, covered + area(sizes[j])
            if len(group) > 1:
                used.update(group)
                groups.append((group, joined))
        if not groups:
            break
        # each group measured as it would print, numbered and cross-referenced among the rest
        trials: list[tuple[int, _Plan]] = []
        for n, (group, joined) in enumerate(groups):
            flip = (tuple(plans[group[0]].roots), len(group)) in flipped
            trials.append((n, replace(joined, look=_flipped(joined.look)) if flip else joined))
        context = _context(plans, len(plans))
        found = measure([_trial(planner, p, groups[n][0][0] + 1, context) for n, p in trials])
        best: dict[int, tuple[float, _Plan, Size]] = {}
        for (n, plan), size in zip(trials, found, strict=True):
            scale = sizer.fit(size) if size else 0.0
            current = best.get(n)
            if size and scale >= MIN_SCALE and (current is None or scale > current[0]):
                best[n] = (scale, plan, size)
        for n, (group, _) in enumerate(groups):
            if n not in best:  # next time the other way round; then one page fewer
                tried = (tuple(plans[group[0]].roots), len(group))
                if tried in flipped:
                    most[tried[0]] = len(group) - 2
                flipped.add(tried)
        replaced: dict[int, tuple[_Plan, Size]] = {}
        gone: set[int] = set()
        for n, (_, plan, size) in best.items():
            group = groups[n][0]
            replaced[group[0]] = (plan, size)
            gone.update(group[1:])
        keep = [i for i in range(len(plans)) if i not in gone]
        sizes[:] = [replaced[i][1] if i in replaced else sizes[i] for i in keep]
        plans[:] = [replaced[i][0] if i in replaced else plans[i] for i in keep]


def _trial(planner: _Planner, joined: _Plan, number: int, context: _Context) -> Page:
    """The page `joined` would print as, numbered `number` among the current pages: the
    references of other nodes change by a page or two at most, a digit of a label."""
    return _page(planner, joined, number, context)


def _flipped(look: Look) -> Look:
    other = Direction.LR if look.direction is Direction.TB else Direction.TB
    return replace(look, direction=other)


def _joined(planner: _Planner, a: _Plan, b: _Plan, look: Look) -> _Plan | None:
    """Pages `a` and `b` as one page drawn the `look` way (None where they cannot).

    Where `b` goes on with a subtree that `a` cut off, the cut node is drawn once, in
    full, with its subtree under it."""
    if a.overview or b.overview:
        return None
    shared = set(a.nodes) & set(b.nodes)
    if not shared <= set(a.cuts) & set(b.roots):
        return None
    if len(a.nodes) + len(b.nodes) - len(shared) > planner.sizer.max_nodes:
        return None
    nodes = sorted({*a.nodes, *b.nodes}, key=planner.order.__getitem__)
    roots = [*a.roots, *(r for r in b.roots if r not in shared)]
    cuts = [c for c in (*a.cuts, *b.cuts) if c not in shared]
    return _Plan(roots, nodes, cuts, look, orphans=[*a.orphans, *b.orphans])


@dataclass
class _Context:
    """What a page's cross-references need from the whole atlas."""

    total: int
    cut: set[str]  # nodes whose subtree a page cut off, to go on elsewhere
    home: dict[str, int]  # node -> the page that draws it in full, else the overview
    cut_on: dict[str, int]  # node -> page where it (or its subtree) is cut off


def _recaps(plan: _Plan, cut: set[str]) -> frozenset[str]:
    """The tops of subtrees that go on here, cut off elsewhere: recalled by a small box."""
    if plan.overview:
        return frozenset()
    return frozenset(r for r in plan.roots if r in cut and r not in plan.cuts)


def _context(plans: list[_Plan], total: int) -> _Context:
    cut = {c for plan in plans if not plan.overview for c in plan.cuts}
    context = _Context(total, cut, {}, {})
    for number, plan in enumerate(plans, start=1):
        if not plan.overview:
            recalled = _recaps(plan, cut)
            for node_id in plan.nodes:
                if node_id not in recalled:
                    context.home.setdefault(node_id, number)
            for node_id in (*plan.cuts, *plan.orphans):
                context.cut_on.setdefault(node_id, number)
    for node_id in plans[0].nodes:
        context.home.setdefault(node_id, 1)
    return context


def _pages(planner: _Planner, plans: list[_Plan], *, key: bool = True) -> list[Page]:
    """Numbered pages of the plans, with their cross-references (and the key's page)."""
    keyed = key and planner.keyed and not plans[0].look.legend  # the key: a page of its own
    context = _context(plans, len(plans) + keyed)
    pages = [_page(planner, plan, number, context) for number, plan in enumerate(plans, 1)]
    if keyed:
        total = context.total
        pages.append(
            Page(
                (),
                number=total,
                total=total,
                heading=f"Page {total} of {total}: the key to the marks on every page",
                caption="Key",
                name=f"{total:02d}-key",
                home=context.home,
                key=True,
            )
        )
    return pages


def _page(planner: _Planner, plan: _Plan, number: int, context: _Context) -> Page:
    home, total = context.home, context.total
    on = set(plan.nodes)
    continued = {}  # a node whose children are not all here: the page of the first
    for node_id in plan.nodes:
        missing = [k for k in planner.children(node_id) if k not in on and k in home]
        if missing and home[missing[0]] != number:
            continued[node_id] = home[missing[0]]
    ups = [context.cut_on[root] for root in plan.roots if root in context.cut_on]
    up = None if plan.overview else (ups[0] if ups else 1)
    graph = planner.graph
    return Page(
        nodes=tuple(plan.nodes),
        number=number,
        total=total,
        heading=_heading(graph, plan, number, total, up),
        caption=_caption(graph, plan),
        name=f"{number:02d}-{'overview' if plan.overview else plan.roots[0]}",
        up=up,
        continued=continued,
        home=home,
        titles_only=plan.look.titles_only,
        legend=plan.look.legend,
        stubs=plan.look.stubs,
        direction=plan.look.direction,
        roots=tuple(plan.roots),
        recaps=_recaps(plan, context.cut),
    )
