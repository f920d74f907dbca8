"""Throughput under load, `sigraph bench --load`: the service as `sigraph serve` runs it (one worker
per core) on the demo model, against a bare FastAPI endpoint, both driven by wrk with 50
connections on loopback, in the same run. wrk (apt install wrk) must be installed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.bench.bare import BYTES_VARIABLE
from app.bench.processes import free_port, service_process
from app.config import Settings

# The read mix: six questions, the element GET and one picture, each for three offerings.
PACKAGES = ("pkg-modern-workplace", "pkg-workplace-experience", "svc-service-desk")
QUESTIONS = (
    "/api/v1/elements/{p}/dependencies",
    "/api/v1/elements/{p}/impact",
    "/api/v1/elements/{p}/single-points-of-failure",
    "/api/v1/elements/{p}/weakest-link",
    "/api/v1/elements/{p}/supply-chain",
    "/api/v1/analysis/critical-elements",
    "/api/v1/elements/{p}",
    "/viz/elements/{p}?view=impact&failed=org-fieldforce",
)


@dataclass(frozen=True)
class LoadResult:
    what: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def mix_paths() -> list[str]:
    return [q.format(p=p) for q in QUESTIONS for p in PACKAGES]


_LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNIT_MS[unit]


def run_wrk(url: str, paths: list[str], *, seconds: int, connections: int = 50, what: str) -> LoadResult:
    """wrk over `paths` in turn; its percentiles, rate and errors (non-2xx, socket errors)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA % ", ".join(f'"{p}"' for p in paths))
    try:
        done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
                               url], capture_output=True, text=True, timeout=seconds + 60, check=True)
    finally:
        Path(script.name).unlink()
    out = done.stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return LoadResult(what=what, requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
                      p50_ms=_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
                      p99_ms=_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
                      errors=errors, requests=int(re.search(r"(\d+) requests in", out).group(1)))  # type: ignore[union-attr]


@dataclass(frozen=True)
class Alone:
    question: str
    kept_p50_ms: float  # the model unchanged: the answer kept
    after_write_ms: float  # median of the first ask after a write


def _p50_ms(client: httpx.Client, path: str, times: int) -> float:
    took = []
    for _ in range(times):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def latency_alone(url: str, editor_token: str, *, times: int = 50, writes: int = 5) -> list[Alone]:
    """One client: each question of the mix asked again and again, then first after a small write (a
    description changed), on the service's one worker or another."""
    found = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for question in QUESTIONS:
            path = question.format(p=PACKAGES[0])
            client.get(path).raise_for_status()
            kept = _p50_ms(client, path, times)
            after = []
            for n in range(writes):
                client.put("/api/v1/elements/sys-dc-north", headers={"Authorization": f"Bearer {editor_token}"},
                           json={"type": "System", "name": "DC North", "description": f"write {n}"}).raise_for_status()
                after.append(_p50_ms(client, path, 1))
            found.append(Alone(question.format(p="{id}"), kept, statistics.median(after)))
    return found


@contextmanager
def _bare(workers: int, body_bytes: int) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, BYTES_VARIABLE: str(body_bytes)}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.bench.bare:create_bare", "--factory",
                             "--port", str(port), "--workers", str(workers), "--loop", "uvloop", "--http", "httptools",
                             "--no-access-log", "--log-level", "error"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/bare", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def bench_load(settings: Settings, editor_token: str, *,
               seconds: int = 60) -> tuple[list[LoadResult], list[Alone]]:
    """The read mix against the service, then the bare endpoint with the mix's average body size;
    then each question alone, kept and after a write."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install wrk")
    workers = settings.worker_count
    paths = mix_paths()
    with service_process(settings, SIGRAPH_WORKERS=str(workers)) as url:
        sizes = []
        for path in paths:  # every answer once: the mix must answer 200 throughout
            response = httpx.get(url + path, timeout=60)
            response.raise_for_status()
            sizes.append(len(response.content))
        service = run_wrk(url, paths, seconds=seconds, what=f"sigraph, read mix of {len(paths)} questions, "
                                                                 f"{workers} workers")
        alone = latency_alone(url, editor_token)
    average = sum(sizes) // len(sizes)
    with _bare(workers, average) as url:
        bare = run_wrk(url, ["/bare"], seconds=seconds, what=f"bare FastAPI endpoint, {average:,}-byte JSON, "
                                                               f"{workers} workers")
    return [service, bare], alone
