"""Health of the service's database: probed in the background, answered from the last probe."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import Literal

from pydantic import BaseModel

from app.db.database import UNREACHABLE, Database
from app.db.migrations import CHAIN_LABEL
from app.errors import DatabaseUnavailable

log = logging.getLogger("sigraph")


class HealthReport(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["reachable", "unreachable"]
    neo4j_version: str | None = None
    neo4j_edition: str | None = None
    migration_version: str | None = None
    message: str | None = None


DOWN = HealthReport(status="unavailable", database="unreachable", message=UNREACHABLE)


def check_health(*, db: Database, with_migrations: bool = True) -> HealthReport:
    """Ask the server for its version (no store read: it answers at once even while a large
    write commits) and, when asked, the newest applied migration. One try, no retry."""
    names = ["health/get_components", *(["migrations/get_applied"] if with_migrations else [])]
    try:
        components, *migrations = db.probe(*names, label=CHAIN_LABEL)
    except DatabaseUnavailable:
        return DOWN
    kernel = next((c for c in components if c["name"] == "Neo4j Kernel"), components[0])
    applied = migrations[0] if migrations else []
    return HealthReport(
        status="ok",
        database="reachable",
        neo4j_version=kernel["version"],
        neo4j_edition=kernel["edition"],
        migration_version=applied[-1]["version"] if applied else None,
    )


class HealthWatch:
    """Probes the database every `interval_s`. A probe that fails, or takes longer than
    `timeout_s`, makes /health answer 503 at once; a failed one (the database refused or lost the
    connection) also opens the breaker of `db`, so requests fail fast, while a slow one does not
    (a busy database still serves) until it has gone unanswered for `silent_after_s`: a network
    cut that reset nothing. The first probe that succeeds closes it again. /health answers from
    `report`, without waiting on the database."""

    def __init__(self, db: Database, *, interval_s: float, timeout_s: float) -> None:
        self.db = db
        self.interval_s = interval_s
        self.timeout_s = timeout_s
        self.report = DOWN
        self._running: asyncio.Future[HealthReport] | None = None
        self._started = 0.0

    @property
    def silent_after_s(self) -> float:
        """How long a probe (a version query, no store read) may go unanswered before the database
        counts as away although nothing reset the connection."""
        return 4 * self.timeout_s

    async def probe(self) -> HealthReport:
        """One probe at a time: a slow one is waited for, not stacked; one that hangs (a connection
        half open after a network cut: the driver has no read deadline) is given up after a few
        timeouts, so probing, and with it recovery, never stops. The migration version is read
        again only after the database was away (it changes at start only)."""
        hung = self._running is not None and time.monotonic() - self._started > self.silent_after_s
        if hung:
            # The driver has no read deadline: the probe's connection, and every other pooled one,
            # may be silent for good. Requests fail fast from now on, and a new driver's pool
            # holds none of those connections (a request already waiting on one waits on).
            log.warning("database silent for %.1fs", time.monotonic() - self._started)
            self.db.breaker.trip()
            await asyncio.to_thread(self.db.renew_driver)
        if self._running is None or hung:
            self._started = time.monotonic()
            self._running = self._in_own_thread(self.report.status != "ok")
        try:
            report = await asyncio.wait_for(asyncio.shield(self._running), self.timeout_s)
        except TimeoutError:  # it goes on: the next probe waits for it again
            report = DOWN.model_copy(update={"message": f"{UNREACHABLE}: no answer within {self.timeout_s:g}s"})
        else:
            self._running = None
        if report.status == "ok":
            self.db.breaker.close()
            if report.migration_version is None:
                report = report.model_copy(update={"migration_version": self.report.migration_version})
        elif report is DOWN:
            if self.report.status == "ok" or not self.db.breaker.open:  # it just went away
                await asyncio.to_thread(self.db.renew_driver)
            self.db.breaker.trip()
        if report.status != self.report.status:
            log.warning("database %s", report.database)
        self.report = report
        return report

    def _in_own_thread(self, with_migrations: bool) -> asyncio.Future[HealthReport]:
        """The probe in a thread of its own, not one of the workers: a hung probe never holds a
        worker, and a given-up one just ends some day."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[HealthReport] = loop.create_future()

        def settle(report: HealthReport) -> None:
            if not future.done():
                future.set_result(report)

        def run() -> None:
            try:
                report = check_health(db=self.db, with_migrations=with_migrations)
            except Exception:  # any surprise is the database being unwell, not a dead prober
                log.exception("health probe failed")
                report = DOWN
            loop.call_soon_threadsafe(settle, report)

        threading.Thread(target=run, name="sigraph-health-probe", daemon=True).start()
        return future

    async def run(self) -> None:
        while True:
            await self.probe()
            await asyncio.sleep(self.interval_s)

    async def settle(self) -> None:
        """Wait (a little) for a probe under way: the driver is not to be closed under it."""
        if self._running is not None and not self._running.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._running), self.silent_after_s)
