"""One open map as the server last analysed it: diagnostics, ids, graph and evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from argmap.analysis import Evaluation, analyse
from argmap.analysis.checks import run_checks
from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.edit.ids import IdIndex, id_index
from argmap.graph import MapGraph
from argmap.load import LoadedYaml, load_text
from argmap.perf import paused_gc
from argmap.validate import resolve_loaded


@dataclass
class Snapshot:
    """The analysis of one version of a document's text."""

    text: str
    file: str
    diagnostics: list[Diagnostic]
    index: IdIndex
    graph: MapGraph | None = None
    loaded: LoadedYaml | None = field(default=None, repr=False)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def evaluation(self) -> Evaluation | None:
        """Statuses and strengths, computed on the first hover that needs them."""
        return None if self.graph is None else analyse(self.graph)


def analyse_text(text: str, file: str) -> Snapshot:
    """What `argmap check FILE` reports for `text`, plus what navigation needs.

    The diagnostics are `validate`'s, and on a valid map `check`'s warnings and
    answer-key errors too, in the same order, at the same places.
    """
    with paused_gc():
        loaded = load_text(text, file)  # kept even when the model rejects the map: ids to index
        result = resolve_loaded(loaded)
        found = result.diagnostics
        if result.graph is not None:
            checks = run_checks(result.graph, loaded.position, loaded.key_position)
            found = sort_diagnostics(found + checks)
        return Snapshot(text, file, found, id_index(loaded, result.graph), result.graph, loaded)
