"""Measure import throughput on a generated model, against its own database."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from app.bench.generate import generate_model
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model

BENCH = WriteBy("system:bench")


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
    import_model(db=db, document={"elements": []}, mode=ImportMode.REPLACE, by=BENCH)
    first = timed(f"import {elements} elements + {relations} relations into an empty model", elements,
                  lambda: import_model(db=db, document=document, by=BENCH))
    again = timed("re-import of the same document (everything unchanged)", elements,
                  lambda: import_model(db=db, document=document, by=BENCH))
    return [first, again]


@dataclass(frozen=True)
class Latency:
    what: str
    ours_ms: list[float]
    naive_ms: list[float | None]  # None: stopped by the timeout

    @staticmethod
    def median(values: list[float]) -> float:
        return statistics.median(values)


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _naive_ms(db: Database, query: str, element_id: str, timeout_s: float) -> float | None:
    """Milliseconds, or None when the server stopped the query (timeout, or out of transaction memory)."""
    from app.errors import DatabaseUnavailable, QueryTimeout

    naive = Database(db.driver, database=db.database, timeout_s=timeout_s, queries=db.queries)
    try:
        return _ms(lambda: naive.read_rows(query, id=element_id))
    except (QueryTimeout, DatabaseUnavailable):
        return None


def _naive_spof_ms(db: Database, candidates: list[str], timeout_s: float) -> float | None:
    """Naive single points of failure: fail each element of the closure in turn, ask what reaches it."""
    started = time.perf_counter()
    for candidate in candidates:
        if _naive_ms(db, "bench/naive_impact", candidate, timeout_s) is None or \
                time.perf_counter() - started > timeout_s:
            return None
    return (time.perf_counter() - started) * 1000


def _ask(db: Database, label: str, roots: list[str], timeout_s: float) -> list[Latency]:
    """Dependencies and SPOFs of each root, impact of its deepest system: ours and naive."""
    from app.analysis import service
    from app.analysis.repository import GraphSource

    source = GraphSource(db)
    bounds = service.Bounds(default_depth=100, max_depth=100, result_limit=1_000_000)
    deps, impact, spof = (Latency(f"{q} ({label})", [], []) for q in ("dependencies", "impact", "spof"))
    for root in roots:
        answer = service.dependencies_of(source=source, bounds=bounds, element_id=root)
        deepest = max((n for n in answer.nodes if n.type == "System"), key=lambda n: (n.depth, n.id)).id
        deps.ours_ms.append(_ms(partial(service.dependencies_of, source=source, bounds=bounds, element_id=root)))
        deps.naive_ms.append(_naive_ms(db, "bench/naive_dependencies", root, timeout_s))
        impact.ours_ms.append(_ms(partial(service.impact_of, source=source, bounds=bounds, failed=[deepest])))
        impact.naive_ms.append(_naive_ms(db, "bench/naive_impact", deepest, timeout_s))
        spof.ours_ms.append(_ms(partial(service.spofs_of, source=source, bounds=bounds, element_id=root)))
        spof.naive_ms.append(_naive_spof_ms(db, [n.id for n in answer.nodes], timeout_s))
    return [deps, impact, spof]


def bench_analysis(db: Database, *, roots: int = 5, naive_timeout_s: float = 60.0) -> list[Latency]:
    """Ours against naive variable-length Cypher, on live packages and on the lattice package."""
    from app.bench.generate import LATTICE_PACKAGE

    packages = [r["id"] for r in db.read_rows("bench/pick_packages", limit=roots)
                if r["id"] != LATTICE_PACKAGE][:roots]
    return [*_ask(db, f"{len(packages)} live packages", packages, naive_timeout_s),
            *_ask(db, "lattice package, 4^12 paths", [LATTICE_PACKAGE], naive_timeout_s)]
