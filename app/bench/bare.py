"""The yardstick of `sigraph bench --load`: a bare FastAPI endpoint in its best configuration (async,
orjson, uvloop and httptools, as many workers as the service), answering a JSON body of the size
of the service's average answer. Run by uvicorn as `app.bench.bare:create_bare` (a factory)."""

from __future__ import annotations

import os

import orjson
from fastapi import FastAPI, Response

BYTES_VARIABLE = "SIGRAPH_BENCH_BARE_BYTES"


def create_bare() -> FastAPI:
    size = int(os.environ.get(BYTES_VARIABLE, "4000"))
    item = {"id": "svc-0000", "type": "Service", "name": "A service of the bench", "depth": 1}
    per_item = len(orjson.dumps(item)) + 1
    payload = {"items": [{**item, "id": f"svc-{i:04d}"} for i in range(max(1, size // per_item))]}
    app = FastAPI()

    @app.get("/bare")
    async def bare() -> Response:
        return Response(orjson.dumps(payload), media_type="application/json")

    return app
