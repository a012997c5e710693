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
    evaluation: Evaluation | None = field(default=None, repr=False)  # statuses, for hover

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def analyse_text(text: str, file: str) -> Snapshot:
    """What `argmap check FILE` reports for `text`, plus what navigation needs.

    The diagnostics are `validate`'s, and on a valid map `check`'s warnings and
    answer-key errors too, in the same order, at the same places.
    """
    with paused_gc():
        loaded = load_text(text, file)  # kept even when the model rejects the map: ids to index
        result = resolve_loaded(loaded)
        found, graph, evaluation = result.diagnostics, result.graph, None
        if graph is not None:  # the checks analyse the map anyway: keep it for hover
            evaluation = analyse(graph)
            checks = run_checks(graph, loaded.position, loaded.key_position, (), evaluation)
            found = sort_diagnostics(found + checks)
        index = id_index(loaded, graph)
        return Snapshot(text, file, found, index, graph, loaded, evaluation)
