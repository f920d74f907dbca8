"""The progress of an import is a running total of one attempt: when the driver runs the transaction
again, the count starts again from zero and never passes the document's size."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from app.db.database import Database, Tx
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model, import_size
from tests.model.helpers import el

T = TypeVar("T")


class _Retried(Exception):
    pass


class RetriedOnce(Database):
    """Runs each write as the driver does after a transient error: a first attempt that is rolled
    back, then the same unit of work again in a new transaction."""

    def write(self, work: Callable[[Tx], T]) -> T:
        def first(tx: Tx) -> T:
            work(tx)
            raise _Retried

        with contextlib.suppress(_Retried):
            super().write(first)
        return super().write(work)


def test_a_retried_import_counts_its_progress_again_from_zero(db: Database) -> None:
    document = {"elements": [el(f"sys-{i:05d}", "System") for i in range(12_000)]}
    retried = RetriedOnce(db.driver, database=db.database, timeout_s=db.timeout_s, queries=db.queries)
    seen: list[int] = []
    report = import_model(db=retried, document=document, mode=ImportMode.MERGE, by=WriteBy("test"),
                          progress=seen.append)
    size = import_size(document)
    assert report.elements.created == size
    assert max(seen) == seen[-1] == size  # never past the size; ends at it
    restart = next(i for i in range(1, len(seen)) if seen[i] < seen[i - 1])
    assert seen[restart - 1] == size and seen[restart] < size  # the second attempt started again
