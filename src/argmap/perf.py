"""Performance helpers that more than one stage needs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large tree of objects.

    Building a map allocates hundreds of thousands of objects and no cycles worth
    collecting; with the collector on, pydantic validation of a 10,000-node map is
    about 14 times slower. Nesting is fine: the outermost pause restores the state.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
