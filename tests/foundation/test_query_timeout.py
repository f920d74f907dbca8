"""A query past the server-side timeout is stopped by Neo4j and answered as QueryTimeout (504)."""

from __future__ import annotations

import pytest

from app.bench.generate import LATTICE_PACKAGE, lattice_model
from app.db.database import Database
from app.errors import QueryTimeout
from app.model.service import WriteBy, import_model


def test_a_query_past_the_timeout_is_stopped(db: Database) -> None:
    elements, relations = lattice_model(11, 4)  # 4^11 paths: enumerating them takes far longer than 0.1 s
    import_model(db=db, document={"elements": elements, "relations": relations}, by=WriteBy("test"))
    # 0.1 s: the enumeration also fills the server's transaction memory (716 MB on the 1 GB test heap)
    # within a few tenths of a second, and that is refused as a memory error, not as a timeout
    impatient = Database(db.driver, database=db.database, timeout_s=0.1, queries=db.queries)
    with pytest.raises(QueryTimeout) as stopped:
        impatient.read_rows("bench/naive_dependencies", id=LATTICE_PACKAGE)
    assert stopped.value.status == 504
