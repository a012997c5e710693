"""The collector policy of a command-line run: big maps are frozen once built, still freed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from argmap import perf
from argmap.validate import load_map
from conftest import MAPS


@pytest.fixture
def one_run() -> Iterator[None]:
    """`tune_for_one_run` for one test, then the interpreter's defaults again."""
    threshold = gc.get_threshold()
    gc.collect()
    perf.tune_for_one_run()
    try:
        yield
    finally:
        perf._Policy.freeze_after_pause = False
        gc.set_threshold(*threshold)
        gc.unfreeze()


def test_a_library_caller_keeps_the_collector_as_it_was() -> None:
    frozen = gc.get_freeze_count()
    result = load_map(MAPS[0])
    assert result.graph is not None
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


@pytest.mark.usefixtures("one_run")
def test_a_run_freezes_the_loaded_map_and_still_frees_it() -> None:
    result = load_map(MAPS[0])
    assert result.graph is not None and gc.isenabled()
    assert gc.get_freeze_count() > 10_000  # the map's objects, not walked by collections
    assert gc.is_tracked(result.graph)
    assert all(o is not result.graph for o in gc.get_objects())  # in no generation: frozen
    graph = weakref.ref(result.graph)
    del result
    assert graph() is None  # reference counting frees frozen objects
