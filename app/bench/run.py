"""Measure import throughput on a generated model, against its own database."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

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
