"""Live preview: `argmap serve` shows a map in the browser and updates it on every save.

    state.py    one served map: checked, analysed, drawn; keeps the last good drawing
    details.py  what a click on a node shows (text, status, cards, attacks, FILE:LINE)
    app.py      the Starlette app: pages, JSON state, save events (server-sent events)
    templates/, static/  the page, its script and styles: shipped in the package, no CDN

The drawing is argmap.render's SVG, the briefs argmap.brief's HTML, the diagnostics
those of `argmap check`; saves are seen by argmap.watch.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path


def is_loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(paths: Sequence[Path], host: str, port: int, open_browser: bool) -> None:
    """Serve the maps until Ctrl-C (or SIGTERM); OSError when `host:port` cannot be had."""
    import uvicorn

    from argmap.serve.app import create_app

    # bound here, not by uvicorn, so that a port in use is an OSError for the caller
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError:
        listener.close()
        raise
    app = create_app(paths)
    url = f"http://{'localhost' if host in {'127.0.0.1', '::1'} else host}:{port}/"
    if open_browser:
        threading.Timer(0.8, webbrowser.open, (url,)).start()
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=1
    )
    print(f"argmap serve: {url} (Ctrl-C to stop)", flush=True)
    with listener:
        uvicorn.Server(config).run(sockets=[listener])
