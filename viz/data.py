"""What a picture shows besides the answer: element properties and relationships, read through
the model's data access (cypher/model), in one read transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.db.database import Database, Tx
from app.model.documents import element_from_properties
from app.model.repository import existing_elements, existing_relations
from app.model.validation import ExistingRelation

Docs = dict[str, dict[str, Any]]


def element_docs(db: Database, ids: Iterable[str]) -> Docs:
    """The elements among `ids` that exist, in document form (attributes and targets as maps)."""
    wanted = sorted(set(ids))
    return db.read(lambda tx: _docs(tx, wanted))


def docs_and_relations(db: Database, ids: Iterable[str],
                       sources: Iterable[str] = ()) -> tuple[Docs, list[ExistingRelation]]:
    """The elements `ids`, and every relationship leaving them or `sources`."""
    wanted, leaving = sorted(set(ids)), sorted(set(ids) | set(sources))

    def work(tx: Tx) -> tuple[Docs, list[ExistingRelation]]:
        return _docs(tx, wanted), existing_relations(tx, leaving)

    return db.read(work)


def _docs(tx: Tx, ids: list[str]) -> Docs:
    return {i: element_from_properties(row["props"]) for i, row in existing_elements(tx, ids).items()}
