"""Files: reads with a hard limit, locked atomic writes, and map discovery.

Shared by every command that touches disk, so that symlinks, hard links, special
files and parallel editors are handled the same way everywhere.
"""

from __future__ import annotations

import os
import random
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")

LOCK_TIMEOUT = 30.0
"""Seconds an edit waits for another argmap process editing the same map."""


class FileRefused(Exception):
    """A file argmap will not read; the message says why, in one line."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message, self.code = message, code


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, refusing anything over `limit` bytes.

    A FIFO, a device or a folder is refused before reading (a FIFO with no writer
    would hang, /dev/zero would never end); the limit is enforced on the bytes read,
    not on the size stat reports. OSError for a file that cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("not a regular file (a FIFO, device or folder); give a map file")
        if info.st_size > limit:
            raise FileRefused(
                f"file is {info.st_size:,} bytes; maps are limited to {limit:,} bytes",
                "file-too-large",
            )
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(
                    f"file is over {limit:,} bytes; maps are limited to {limit:,} bytes",
                    "file-too-large",
                )
        return b"".join(chunks)
    finally:
        os.close(fd)


class MapBusy(Exception):
    """Another process held the map's lock for longer than we were willing to wait."""


def lock_timeout() -> float:
    """`ARGMAP_LOCK_TIMEOUT` seconds when set (scripts, tests), else `LOCK_TIMEOUT`."""
    try:
        return max(0.0, float(os.environ.get("ARGMAP_LOCK_TIMEOUT", LOCK_TIMEOUT)))
    except ValueError:
        return LOCK_TIMEOUT


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the map at `path` across read, edit and write.

    The lock is `flock` on the map file itself (its real file, through symlinks), so no
    lock file is left in the folder. An edit replaces the file with a new inode, so after
    acquiring the lock we check that the path still names the inode we locked; if not, a
    writer finished meanwhile and we lock the new file. `MapBusy` after `timeout` seconds.
    """
    import fcntl

    real = Path(os.path.realpath(path))
    wait = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise MapBusy(
                            f"{path} is being edited by another argmap process "
                            f"(waited {wait:g} s); run again when it has finished"
                        ) from None
                    time.sleep(random.uniform(0.005, 0.03))  # jitter: waiters do not wake in step
            held, now = os.fstat(fd), real.stat()
            if (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino):
                yield
                return
        finally:
            os.close(fd)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, and
    replace the target in one rename; on any failure the old file is untouched. The
    rename happens at the real file behind a symlink, and keeps the file's mode and
    (where allowed) owner. Two kinds of target cannot be replaced and are written in
    place instead: a special file (a FIFO, /dev/stdout, a terminal) and a file with
    other hard links (replacing it would split the links).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        _write_in_place(path, raw, regular=stat.S_ISREG(info.st_mode))
        return
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(info.st_mode & 0o7777 if info else 0o644)
        if info is not None and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            # Only root may give a file away; without that right the content still goes in.
            with suppress(PermissionError):
                os.chown(tmp, info.st_uid, info.st_gid)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_in_place(path: Path, raw: bytes, *, regular: bool) -> None:
    flags = os.O_WRONLY | (os.O_TRUNC if regular else 0)
    fd = os.open(path, flags)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        if regular:
            os.fsync(fd)
    finally:
        os.close(fd)


STDOUT = "-"
"""`-o -`: standard output, for every command whose output is text."""


class OutputRefused(Exception):
    """An output that would destroy something (an input map, an existing file): wrong usage."""


def is_stdout(output: Path | str | None) -> bool:
    return output is not None and str(output) == STDOUT


def refuse_overwriting(
    output: Path | str | None, inputs: Iterable[Path] = (), *, force: bool = True
) -> None:
    """`OutputRefused` when `output` is one of `inputs` (through links), or exists and not `force`.

    Call it before any work, so that a refused command writes nothing at all.
    """
    if output is None or is_stdout(output):
        return
    target = Path(output)
    if not target.exists():
        return
    for source in inputs:
        with suppress(OSError):
            if target.samefile(source):
                raise OutputRefused(
                    f"-o {output} is the input map {source}; refusing to overwrite it"
                )
    if not force and target.is_file():
        raise OutputRefused(f"{output} exists; use --force to overwrite it")


def expand_map_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders stand for the map files directly inside them, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in MAP_SUFFIXES))
        else:
            found.append(path)
    return found
