"""A query past the server-side timeout is stopped by Neo4j and answered as QueryTimeout (504)."""

from __future__ import annotations

import pytest

from app.db.database import Database
from app.errors import QueryTimeout


def test_a_query_past_the_timeout_is_stopped(db: Database) -> None:
    # Counting through ten billion numbers takes far longer than 0.2 s, in constant memory: the
    # timeout, not the server's transaction memory, is what stops it. (Enumerating paths, as this
    # test once did, filled the test server's 716 MB of transaction memory first on some runs.)
    impatient = Database(db.driver, database=db.database, timeout_s=0.2, queries=db.queries)
    with pytest.raises(QueryTimeout) as stopped:
        impatient.read_rows("reliability/count_slowly", up_to=10_000_000_000)
    assert stopped.value.status == 504
