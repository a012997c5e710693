"""A real `argmap serve` process on a free port, stopped when the test ends."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(target: Path, *extra: str) -> Iterator[str]:
    """Start `argmap serve TARGET`, wait until it answers, yield its base URL; always stop it."""
    port = free_port()
    command = [sys.executable, "-m", "argmap", "serve", str(target), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--no-open", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"argmap serve exited: {process.stdout and process.stdout.read()}"
                )
            try:
                urllib.request.urlopen(f"{base}/static/serve.css", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        stop(process)
        if process.stdout:
            process.stdout.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process started by a test: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET `target` exactly as written (no client normalising `..` or percent-escapes)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]
