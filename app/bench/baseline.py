"""The raw-driver baselines an import is measured against (issue 12): the same rows sigraph writes,
sent as plain UNWIND batches in one transaction (all or nothing, as an import), with no check, no
lookup, no lock and no audit entry. Two of them:

- `merge`: the statements a raw loader of a model writes, which may meet items already there
  (MERGE by id, the relationship MERGEd between its ends): cypher/model/upsert_*.cypher;
- `create`: the lower bound into an empty model (CREATE only): cypher/model/create_*.cypher.
"""

from __future__ import annotations

from typing import Any, Literal

from app.db.database import Database, Tx
from app.model.repository import BATCH
from app.model.validation import Problems, parse_items

Statements = Literal["merge", "create"]
_QUERIES: dict[Statements, tuple[str, str]] = {
    "merge": ("model/upsert_elements", "model/upsert_relations"),
    "create": ("model/create_elements", "model/create_relations"),
}


def rows_of(document: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The element and relationship rows sigraph writes for `document` (its stored form)."""
    parsed = parse_items(document, Problems())
    elements = [{"id": e.id, "type": str(e.type), "props": e.to_properties()} for e in parsed.elements]
    relations = [{"from": r.from_, "type": str(r.type), "to": r.to, "props": r.to_properties()}
                 for r in parsed.relations]
    return elements, relations


def raw_unwind_import(db: Database, elements: list[dict[str, Any]], relations: list[dict[str, Any]],
                      statements: Statements) -> int:
    """Write the rows in one transaction; answers the relationships written."""
    element_query, relation_query = _QUERIES[statements]

    def write(tx: Tx) -> int:
        for start in range(0, len(elements), BATCH):
            tx.rows(element_query, rows=elements[start:start + BATCH])
        written = 0
        for start in range(0, len(relations), BATCH):
            row = tx.single(relation_query, rows=relations[start:start + BATCH])
            written += int(row["written"]) if row else 0
        return written

    return db.write(write)
