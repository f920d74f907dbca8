"""Measure import throughput on a generated model, against its own database."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from app.bench.generate import generate_model
from app.db.database import Database
from app.model.service import ImportMode, import_model


@dataclass(frozen=True)
class Timing:
    what: str
    seconds: float
    items: int

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


def timed(what: str, items: int, work: Callable[[], object]) -> Timing:
    started = time.perf_counter()
    work()
    return Timing(what, time.perf_counter() - started, items)


def bench_import(db: Database, total: int) -> list[Timing]:
    """Import into an empty model, then the same document again (all unchanged)."""
    document = generate_model(total)
    elements, relations = len(document["elements"]), len(document["relations"])
    import_model(db=db, document={"elements": []}, mode=ImportMode.REPLACE)
    first = timed(f"import {elements} elements + {relations} relations into an empty model", elements,
                  lambda: import_model(db=db, document=document))
    again = timed("re-import of the same document (everything unchanged)", elements,
                  lambda: import_model(db=db, document=document))
    return [first, again]


@dataclass(frozen=True)
class Latency:
    what: str
    ours_ms: list[float]
    naive_ms: list[float | None]  # None: stopped by the timeout

    @staticmethod
    def median(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[len(ordered) // 2]


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _naive_ms(db: Database, query: str, element_id: str, timeout_s: float) -> float | None:
    from app.db.database import QueryTimeout

    naive = Database(db.driver, database=db.database, timeout_s=timeout_s, queries=db.queries)
    try:
        return _ms(lambda: naive.read_rows(query, id=element_id))
    except QueryTimeout:
        return None


def bench_analysis(db: Database, *, roots: int = 5, naive_timeout_s: float = 60.0) -> list[Latency]:
    """Dependencies, impact and single points of failure of live packages: ours against naive Cypher."""
    from app.analysis import service

    bounds = service.Bounds(default_depth=100, max_depth=100, result_limit=1_000_000)
    packages = [r["id"] for r in db.read_rows("bench/pick_packages", limit=roots)]
    deps, impact, spof = Latency("dependencies", [], []), Latency("impact", [], []), Latency("spof", [], [])
    for package in packages:
        answer = service.dependencies_of(db=db, bounds=bounds, element_id=package)
        deepest_system = max((n for n in answer.nodes if n.type == "System"), key=lambda n: (n.depth, n.id))
        deps.ours_ms.append(_ms(partial(service.dependencies_of, db=db, bounds=bounds, element_id=package)))
        deps.naive_ms.append(_naive_ms(db, "bench/naive_dependencies", package, naive_timeout_s))
        impact.ours_ms.append(_ms(partial(service.impact_of, db=db, bounds=bounds, failed=[deepest_system.id])))
        impact.naive_ms.append(_naive_ms(db, "bench/naive_impact", deepest_system.id, naive_timeout_s))
        spof.ours_ms.append(_ms(partial(service.spofs_of, db=db, bounds=bounds, element_id=package)))
        # naive SPOFs: fail each element of the closure in turn and ask what reaches it
        candidates = [n.id for n in answer.nodes]
        started = time.perf_counter()
        timed_out = False
        for candidate in candidates:
            if _naive_ms(db, "bench/naive_impact", candidate, naive_timeout_s) is None or \
                    time.perf_counter() - started > naive_timeout_s:
                timed_out = True
                break
        spof.naive_ms.append(None if timed_out else (time.perf_counter() - started) * 1000)
    return [deps, impact, spof]
