"""The cost of checking a key: the same reads over real HTTP with no key, a reader key and a
partner key, interleaved request by request on one server (so drift hits all three alike)."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from app.access.roles import Role
from app.api.app import create_app
from app.bench.setup import bench_key, load_demo
from app.bench.stats import percentile
from app.config import Settings
from app.db.database import Database

READS = ("/api/v1/elements/prod-laptop", "/api/v1/elements/pkg-modern-workplace/dependencies")
PARTNER = "org-lapto"


@dataclass(frozen=True)
class KeyLatency:
    what: str
    address: str
    ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 0.95)


@contextmanager
def _served(settings: Settings, port: int) -> Iterator[None]:
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def bench_keys(db: Database, settings: Settings, *, requests: int = 300, port: int = 8791) -> list[KeyLatency]:
    """Median and p95 of each read with no key, a reader key and a partner key, on the demo model."""
    load_demo(db)
    reader, partner = bench_key(db, Role.READER), bench_key(db, Role.READER, PARTNER)
    callers = {"no key (SIGRAPH_AUTH=writes)": {}, "reader key": {"Authorization": f"Bearer {reader}"},
               f"partner key ({PARTNER})": {"Authorization": f"Bearer {partner}"}}
    found = {(who, address): KeyLatency(who, address, []) for address in READS for who in callers}
    with _served(settings.model_copy(update={"auth": "writes", "rate_limit_per_minute": 0}), port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for round_ in range(requests + 20):  # the first 20 rounds warm up
            for address in READS:
                for who, headers in callers.items():
                    started = time.perf_counter()
                    conn.request("GET", address, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        raise RuntimeError(f"{address} as {who}: {response.status}")
                    if round_ >= 20:
                        found[who, address].ms.append((time.perf_counter() - started) * 1000)
        conn.close()
    return list(found.values())
