"""The big model asked over HTTP, as `sigraph serve` answers it: each question first (the whole
model read), again (model unchanged: the kept answer), and first after a single-element write
(the kept model patched from what the write changed, the answer computed again). Also the
service's memory once it holds the model."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.bench.processes import pid_of, service_process
from app.config import Settings
from app.db.database import Database

QUESTIONS = (
    "/api/v1/analysis/critical-elements",
    "/api/v1/portfolio",
    "/api/v1/elements/{package}/supply-chain",
    "/api/v1/elements/{package}/dependencies",
    "/api/v1/elements/{package}/single-points-of-failure",
    "/api/v1/elements/{package}/weakest-link",
    "/api/v1/elements/{package}/impact",
    "/api/v1/compliance/gaps",
    "/api/v1/agreements",
)


@dataclass(frozen=True)
class BigAnswer:
    question: str
    first_s: float
    kept_ms: float
    after_write_s: float


@dataclass
class Asked:
    """One question's samples, in ms: its first ask, asks on the unchanged model, and the first ask
    after each single-element write."""

    question: str
    first_ms: float
    kept_ms: list[float] = field(default_factory=list)
    after_write_ms: list[float] = field(default_factory=list)
    failed: str | None = None  # why the service could not answer it (then no samples)


def _ms(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    client.get(path).raise_for_status()
    return (time.perf_counter() - started) * 1000


def ask_questions(client: httpx.Client, editor_token: str, *, package: str, system: str, kept_asks: int,
                  writes: int) -> list[Asked]:
    """Each of QUESTIONS about `package`: first, `kept_asks` times unchanged, then once after each of
    `writes` writes of `system`'s description (all on the service behind `client`)."""
    found = []
    for question in QUESTIONS:
        path = question.format(package=package)
        try:
            first_ms = _ms(client, path)
        except httpx.HTTPError as e:  # a model too large for the service's memory, say: the next may work
            found.append(Asked(question, float("nan"), failed=_why(e)))
            continue
        asked = Asked(question, first_ms)
        asked.kept_ms = [_ms(client, path) for _ in range(kept_asks)]
        for n in range(writes):
            client.put(f"/api/v1/elements/{system}", headers={"Authorization": f"Bearer {editor_token}"},
                       json={"type": "System", "name": system, "description": f"write {n}"}).raise_for_status()
            asked.after_write_ms.append(_ms(client, path))
        found.append(asked)
    return found


def _why(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        body = error.response.json() if "json" in error.response.headers.get("content-type", "") else {}
        return f"{error.response.status_code} {body.get('error', {}).get('message', '')}".strip()
    return type(error).__name__


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the workers), in MB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = int(text.split("PPid:")[1].split()[0])
        this = int(status.parent.name)
        if this == pid or ppid == pid:
            total += int(text.split("VmRSS:")[1].split()[0]) if "VmRSS:" in text else 0
    return total / 1024


def bench_big_over_http(db: Database, settings: Settings, editor_token: str, *,
                        writes: int = 3) -> tuple[list[BigAnswer], float]:
    """Each question on one worker (so first, kept and after-write land on the same one)."""
    package = db.read_rows("bench/pick_packages", limit=1)[0]["id"]
    system = db.read_rows("model/list_elements", after="", type="System", pillar=None, lifecycle=None, among=None,
                          limit=1)[0]["props"]["id"]
    with service_process(settings, SIGRAPH_WORKERS="1", SIGRAPH_QUERY_TIMEOUT_S="600") as url, \
            httpx.Client(base_url=url, timeout=600) as client:
        asked = ask_questions(client, editor_token, package=package, system=system, kept_asks=20, writes=writes)
        memory = rss_mb(pid_of(url))
    if failed := [f"{a.question}: {a.failed}" for a in asked if a.failed]:
        raise RuntimeError(f"the service could not answer: {'; '.join(failed)}")
    return [BigAnswer(a.question, a.first_ms / 1000, statistics.median(a.kept_ms),
                      statistics.median(a.after_write_ms) / 1000) for a in asked], memory
