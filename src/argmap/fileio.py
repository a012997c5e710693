"""Files: atomic writes and map discovery, shared by every command that touches disk."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, and
    replace the target in one rename; on any failure the old file is untouched.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def expand_map_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders stand for the map files directly inside them, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in MAP_SUFFIXES))
        else:
            found.append(path)
    return found
