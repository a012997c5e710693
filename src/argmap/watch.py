"""Watching maps for saves: one place for `serve`, `render --watch` and `brief --watch`.

Editors save by writing a new file and renaming it over the old one, so the folders
holding the maps are watched (a watch on the file itself would end at the first save)
and changes are kept to the map files asked for, or to YAML files in a folder asked for.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import watchfiles

# how long a burst of writes may go quiet before it counts as one save (milliseconds)
_STEP = 10


class _MapFilter:
    """Keep the changes that touch a watched map: the files named, or YAML in the folders."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.files = {p.resolve() for p in paths if not p.is_dir()}
        self.folders = {p.resolve() for p in paths if p.is_dir()}

    def roots(self) -> list[Path]:
        return sorted(self.folders | {f.parent for f in self.files})

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if changed.resolve() in self.files:
            return True
        return changed.suffix in {".yaml", ".yml"} and changed.parent.resolve() in self.folders


def _changed(raw: set[tuple[watchfiles.Change, str]]) -> set[Path]:
    return {Path(path) for _, path in raw}


# how long watchfiles waits for a change before it says "nothing yet" (milliseconds): the
# first "nothing yet" (or change) shows that the watch is running
_READY = 300


def map_saves(
    paths: Sequence[Path], ready: Callable[[], None] | None = None
) -> Iterator[set[Path]]:
    """Block until maps among `paths` are saved; yield the files saved, forever.

    `ready` is called once the folders are watched: a save made after it is never
    missed (a message printed before the watch starts could promise that wrongly).
    Ends on Ctrl-C (KeyboardInterrupt is raised to the caller).
    """
    keep = _MapFilter(paths)
    changes = watchfiles.watch(
        *keep.roots(),
        watch_filter=keep,
        step=_STEP,
        debounce=400,
        rust_timeout=_READY,
        yield_on_timeout=True,
    )
    for raw in changes:
        if ready is not None:
            ready()
            ready = None
        if raw:
            yield _changed(raw)


async def amap_saves(paths: Sequence[Path], stop: asyncio.Event) -> AsyncIterator[set[Path]]:
    """`map_saves` for an event loop (the live preview's server); ends when `stop` is set."""
    keep = _MapFilter(paths)
    async for raw in watchfiles.awatch(
        *keep.roots(), watch_filter=keep, step=_STEP, debounce=400, stop_event=stop
    ):
        yield _changed(raw)
