"""How the service holds up, measured from outside: the service in a process of its own, asked
over HTTP while it imports a large document, while its database is stopped silent and let go on,
and while it is killed and started again."""

from __future__ import annotations

import os
import signal
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import yaml

from app.access.roles import Role
from app.bench.processes import service_process
from app.bench.setup import bench_key, load_demo
from app.bench.stats import percentile
from app.config import Settings
from app.db.database import Database
from app.local_server import LocalServer

DB_ROUTES = ("/api/v1/elements", "/api/v1/elements/pkg-modern-workplace/dependencies", "/api/v1/portfolio")


@dataclass(frozen=True)
class Figure:
    what: str
    value: str


def _ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.0f} ms, p99 {percentile(values, 0.99) * 1000:.0f} ms, "
            f"worst {max(values) * 1000:.0f} ms ({len(values)} asks)")


def _while(work: Callable[[], object], ask: Callable[[], float]) -> list[float]:
    """Latencies of `ask`, every 20 ms, while `work` runs in a thread."""
    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    latencies = []
    while not done.is_set():
        latencies.append(ask())
        time.sleep(0.02)
    thread.join()
    return latencies


def _timed_get(client: httpx.Client, address: str) -> tuple[float, int]:
    began = time.monotonic()
    status = client.get(address).status_code
    return time.monotonic() - began, status


def bench_reliability(db: Database, settings: Settings, server: LocalServer | None) -> list[Figure]:
    load_demo(db)
    editor = bench_key(db, Role.EDITOR)
    large = {"elements": [{"id": f"sys-bench-{i:05d}", "type": "System", "name": f"System number {i}",
                           "description": "a platform " * 8, "attributes": {"rack": f"r{i % 40}", "u": i % 42}}
                          for i in range(15_000)]}
    body = yaml.safe_dump(large).encode()
    figures = []
    with service_process(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        def import_it() -> None:
            httpx.post(f"{url}/api/v1/model", content=body, timeout=600,
                       headers={"Content-Type": "application/yaml", "Authorization": f"Bearer {editor}"})

        health = _while(import_it, lambda: _timed_get(client, "/health")[0])
        figures.append(Figure(f"/health while {len(body) / 1e6:.1f} MB of YAML (15,000 elements) are imported",
                              _ms(health)))
        schema = _while(import_it, lambda: _timed_get(client, "/api/v1/schema")[0])
        figures.append(Figure("/api/v1/schema (no database) during the same import", _ms(schema)))
        if server is not None:
            figures += _silence(url, client, server)
            figures += _outage(url, client, server)
    return figures


def _until_serving(server: LocalServer) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        while True:
            try:
                driver.execute_query("MATCH (n:Element) RETURN count(n)", database_="neo4j")
                return
            except (Neo4jError, ServiceUnavailable):
                time.sleep(0.05)


@contextmanager
def _under_load(url: str) -> Iterator[None]:
    """Eight clients asking database routes all along the block (from two seconds before it)."""
    stop = threading.Event()

    def load() -> None:
        """A client as they should be: on a 503 it waits (a tenth of Retry-After, to keep the pressure)."""
        with httpx.Client(base_url=url, timeout=60) as own:
            while not stop.is_set():
                for route in DB_ROUTES:
                    try:
                        if own.get(route).status_code == 503:
                            time.sleep(0.2)
                    except httpx.TimeoutException:  # a request caught on a silent connection
                        pass

    for _ in range(8):
        threading.Thread(target=load, daemon=True).start()
    time.sleep(2)
    try:
        yield
    finally:
        stop.set()


def _until_health(client: httpx.Client, status: int) -> float:
    began = time.monotonic()
    while client.get("/health").status_code != status:
        time.sleep(0.01)
    return time.monotonic() - began


def _outage(url: str, client: httpx.Client, server: LocalServer) -> list[Figure]:
    """Kill Neo4j (SIGKILL) under the load of eight clients; start it again."""
    with _under_load(url):
        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        health_down = _until_health(client, 503)
        answers = [_timed_get(client, route) for route in DB_ROUTES * 5]
        schema_s, _ = _timed_get(client, "/api/v1/schema")
        server.stop()  # clears what the kill left behind
        server.start()
        _until_serving(server)  # Bolt answers at once; the database itself only after its recovery
        health_up = _until_health(client, 200)
        first_s, first_status = _timed_get(client, DB_ROUTES[1])  # Neo4j's caches and plans are cold now
    statuses = sorted({status for _, status in answers})
    return [
        Figure("Neo4j killed under 8 clients' load: /health answers 503 after", f"{health_down * 1000:.0f} ms"),
        Figure("then database routes answer", f"{statuses}, {_ms([t for t, _ in answers])}"),
        Figure("then /api/v1/schema (no database) answers in", f"{schema_s * 1000:.0f} ms"),
        Figure("Neo4j started again and serving its database: /health 200 after", f"{health_up * 1000:.0f} ms"),
        Figure("and the first question then", f"{first_status} in {first_s * 1000:.0f} ms (Neo4j plans it anew)"),
    ]


def _silence(url: str, client: httpx.Client, server: LocalServer) -> list[Figure]:
    """Stop Neo4j (SIGSTOP) under the load of eight clients: every connection stays open and no
    answer comes, as behind a network cut that resets nothing; then let it go on (SIGCONT)."""
    pid = server.pid()
    assert pid is not None
    with _under_load(url):
        os.kill(pid, signal.SIGSTOP)
        try:
            health_down = _until_health(client, 503)
            began = time.monotonic()
            while _timed_get(client, DB_ROUTES[0])[1] != 503:
                time.sleep(0.05)
            routes_down = time.monotonic() - began
            answers = [_timed_get(client, route) for route in DB_ROUTES * 5]
        finally:
            os.kill(pid, signal.SIGCONT)
        health_up = _until_health(client, 200)
    statuses = sorted({status for _, status in answers})
    return [
        Figure("Neo4j stopped (SIGSTOP, silent) under 8 clients' load: /health answers 503 after",
               f"{health_down * 1000:.0f} ms"),
        Figure("then a database route first answers 503 after", f"{routes_down * 1000:.0f} ms more"),
        Figure("then database routes answer", f"{statuses}, {_ms([t for t, _ in answers])}"),
        Figure("Neo4j let go on (SIGCONT): /health 200 after", f"{health_up * 1000:.0f} ms"),
    ]
