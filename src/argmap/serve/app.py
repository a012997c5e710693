"""The live preview's web app (Starlette): pages, the map's state as JSON, and save events.

Only names of the served maps and of the package's own static files are answered;
anything else, including every path that climbs out (`..`, raw or percent-encoded),
is a 404. Map text reaches the page as JSON that the script puts in with
`textContent`, inside SVG and briefs that argmap.render and argmap.brief escape.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from argmap.fileio import MAP_SUFFIXES, expand_map_paths
from argmap.serve.state import ServedMap
from argmap.watch import amap_saves

HERE = Path(__file__).parent
STATIC = {"serve.js": "text/javascript", "serve.css": "text/css"}
KEEP_ALIVE = 10.0  # seconds between comments that keep an idle event stream open


class Hub:
    """Save events, fanned out to every open page."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[dict[str, Any]]] = set()

    def join(self) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.queues.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self.queues.discard(queue)

    def publish(self, message: dict[str, Any]) -> None:
        for queue in self.queues:
            queue.put_nowait(message)


class Preview:
    """The maps served, by file name, and what watches them."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.folder = next((p for p in paths if p.is_dir()), None)
        self.maps = {m.name: ServedMap(m) for m in expand_map_paths(paths)}
        self.hub = Hub()

    def find(self, name: str) -> ServedMap:
        served = self.maps.get(name)
        if served is None:
            raise HTTPException(404, "no such map")
        return served

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload each map saved and tell the pages; runs until `stop` is set."""
        async for saved in amap_saves(self.paths, stop):
            for path in sorted(saved):
                served = self.maps.get(path.name)
                if served is None and path.suffix in MAP_SUFFIXES and path.exists():
                    served = self.maps[path.name] = ServedMap(path)
                elif served is not None and path.exists():
                    await anyio.to_thread.run_sync(served.reload)
                if served is not None:
                    self.hub.publish({"map": served.name, "version": served.version})


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
    )


def create_app(paths: Sequence[Path]) -> Starlette:
    """The app serving the maps at `paths` (files, or a folder of maps)."""
    preview = Preview(paths)
    pages = _templates()

    async def index(request: Request) -> Response:
        if preview.folder is None and len(preview.maps) == 1:
            return RedirectResponse(f"/map/{next(iter(preview.maps))}")
        maps = [
            {"name": m.name, "valid": m.valid, "count": len(m.diagnostics)}
            for m in preview.maps.values()
        ]
        folder = str(preview.folder or "")
        return HTMLResponse(pages.get_template("index.html.j2").render(maps=maps, folder=folder))

    async def page(request: Request) -> Response:
        served = preview.find(request.path_params["name"])
        html = pages.get_template("map.html.j2").render(
            name=served.name, several=len(preview.maps) > 1
        )
        return HTMLResponse(html)

    async def state(request: Request) -> Response:
        served = preview.find(request.path_params["name"])
        view = request.query_params.get("view", "")
        found = await anyio.to_thread.run_sync(served.state, view)
        return JSONResponse(found, headers={"Cache-Control": "no-store"})

    async def brief(request: Request) -> Response:
        from argmap.brief import SheetFormat, make_sheet
        from argmap.model import Side

        served = preview.find(request.path_params["name"])
        side = request.path_params["side"]
        graph = served.graph
        if side not in {s.value for s in Side} or graph is None:
            raise HTTPException(404, "no such brief")
        sheet = await anyio.to_thread.run_sync(make_sheet, graph, Side(side), SheetFormat.HTML)
        return HTMLResponse(sheet.content.decode("utf-8"))

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise HTTPException(404, "no such file")
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name])

    async def events(request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            queue = preview.hub.join()
            try:
                yield "retry: 500\n\n"
                while True:
                    try:
                        message = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    yield f"data: {json.dumps(message)}\n\n"
            finally:
                preview.hub.leave(queue)

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        watcher = asyncio.create_task(preview.watch(stop))
        try:
            yield
        finally:
            stop.set()
            watcher.cancel()

    routes = [
        Route("/", index),
        Route("/map/{name}", page),
        Route("/map/{name}/state", state),
        Route("/map/{name}/brief/{side}", brief),
        Route("/static/{name}", static),
        Route("/events", events),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
