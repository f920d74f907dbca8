"""The database goes away under load: /health says so within a second, every route that needs it
answers 503 with Retry-After within two, routes that need none go on answering, and all recovers
by itself. The database is cut off by a TCP proxy (connections reset, the port refusing)."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import httpx
import pytest

from app.db.database import Database
from tests.conftest import settings_for
from tests.live_server import live_service
from tests.model.helpers import small_model
from tests.neo4j_target import Target
from tests.reliability.tcp_proxy import Proxy

DB_ROUTES = ("/api/v1/elements", "/api/v1/elements/P/dependencies", "/api/v1/portfolio", "/api/v1/model")


@pytest.fixture
def behind_proxy(target: Target, db: Database, admin_headers: dict[str, str]) -> Iterator[tuple[str, Proxy]]:
    parsed = urlparse(target.uri)
    proxy = Proxy(parsed.hostname or "127.0.0.1", parsed.port or 7687).start()
    cut_off = Target(f"bolt://127.0.0.1:{proxy.port}", target.user, target.password, target.how)
    with live_service(settings_for(cut_off, auth="writes")) as url:
        assert httpx.post(f"{url}/api/v1/model", json=small_model(), headers=admin_headers,
                          timeout=60).status_code == 200
        yield url, proxy
    proxy.cut()


@contextmanager
def _under_load(url: str) -> Iterator[None]:
    """Eight clients asking database routes all along the block (from a second before it)."""
    stop = threading.Event()

    def ask() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                for route in DB_ROUTES:
                    try:
                        client.get(f"{url}{route}")
                    except httpx.HTTPError:  # the service stops once the test is over
                        return

    for _ in range(8):
        threading.Thread(target=ask, daemon=True).start()
    time.sleep(1)
    try:
        yield
    finally:
        stop.set()


def _until(url: str, status: int, limit_s: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < limit_s:
        if httpx.get(f"{url}/health", timeout=5).status_code == status:
            return time.monotonic() - began
        time.sleep(0.02)
    raise AssertionError(f"/health did not answer {status} within {limit_s} s")


def _ask_while_away(url: str) -> tuple[list[tuple[float, httpx.Response]], httpx.Response, float]:
    """Each database route three times, each answer with its seconds; then /api/v1/schema, and its seconds."""
    answers = []
    with httpx.Client(timeout=10) as client:
        for route in DB_ROUTES * 3:
            began = time.monotonic()
            response = client.get(f"{url}{route}")
            answers.append((time.monotonic() - began, response))
        began = time.monotonic()
        schema = client.get(f"{url}/api/v1/schema")
        return answers, schema, time.monotonic() - began


def test_an_outage_under_load_answers_fast_and_recovers(behind_proxy: tuple[str, Proxy]) -> None:
    url, proxy = behind_proxy
    with _under_load(url):
        proxy.cut()
        health_down = _until(url, 503, 5)
        answers, schema, schema_s = _ask_while_away(url)
        proxy.restore()
        health_up = _until(url, 200, 10)
        recovered = httpx.get(f"{url}/api/v1/elements/P/dependencies", timeout=10)
    slowest = max(t for t, _ in answers)
    print(f"outage: /health 503 after {health_down:.2f} s; database routes 503 in median "
          f"{statistics.median(t for t, _ in answers) * 1000:.0f} ms, at most {slowest * 1000:.0f} ms; "
          f"/api/v1/schema {schema_s * 1000:.0f} ms; /health 200 again {health_up:.2f} s after the restore")
    assert health_down < 1.5
    assert all(r.status_code == 503 and r.headers.get("retry-after") for _, r in answers), \
        [(r.request.url.path, r.status_code, r.text[:120]) for _, r in answers]
    assert all(r.json()["error"]["message"] == "the database is unreachable" for _, r in answers)
    assert slowest < 2.0
    assert schema.status_code == 200 and schema_s < 0.5
    assert recovered.status_code == 200 and health_up < 3


def _first_503(url: str, route: str, limit_s: float) -> float:
    """Seconds until `route` answers 503; each try itself bounded, as a client would."""
    began = time.monotonic()
    with httpx.Client(timeout=limit_s) as client:
        while time.monotonic() - began < limit_s:
            try:
                if client.get(f"{url}{route}").status_code == 503:
                    return time.monotonic() - began
            except httpx.TimeoutException:
                pass
            time.sleep(0.05)
    raise AssertionError(f"{route} did not answer 503 within {limit_s} s")


def test_a_silent_database_under_load_answers_503_and_recovers(behind_proxy: tuple[str, Proxy]) -> None:
    """A network cut that resets nothing: every connection stays open and silent. The driver has no
    read deadline, so the probe's silence is what tells: the breaker opens, the driver is made anew,
    and requests arriving from then on answer 503 at once; thawed, all recovers by itself."""
    url, proxy = behind_proxy
    try:
        with _under_load(url):
            proxy.freeze()
            health_down = _until(url, 503, 5)
            routes_down = _first_503(url, "/api/v1/elements", 10)
            answers, schema, schema_s = _ask_while_away(url)
            proxy.thaw()
            health_up = _until(url, 200, 10)
            recovered = httpx.get(f"{url}/api/v1/elements/P/dependencies", timeout=10)
    finally:
        proxy.thaw()
    slowest = max(t for t, _ in answers)
    print(f"silent database: /health 503 after {health_down:.2f} s, database routes 503 after "
          f"{routes_down:.2f} s, then at most {slowest * 1000:.0f} ms; /api/v1/schema {schema_s * 1000:.0f} ms; "
          f"/health 200 again {health_up:.2f} s after the thaw")
    assert health_down < 2.5  # a probe interval (0.5 s) and a probe timeout (0.8 s) at most, and room
    assert routes_down < 5
    assert all(r.status_code == 503 and r.headers.get("retry-after") for _, r in answers), \
        [(r.request.url.path, r.status_code, r.text[:120]) for _, r in answers]
    assert slowest < 2.0
    assert schema.status_code == 200 and schema_s < 0.5
    assert recovered.status_code == 200 and health_up < 3
