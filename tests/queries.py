"""The queries the tests run: the product's, and those only tests need (tests/cypher: emptying the
database, taking the migration chain apart), which the product must not ship."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.db.queries import QueryRegistry
from app.resources import resource

TEST_CYPHER = Path(__file__).parent / "cypher"


@lru_cache(maxsize=1)
def queries_for_tests() -> QueryRegistry:
    return QueryRegistry(resource("cypher"), TEST_CYPHER)
