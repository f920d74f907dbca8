"""Data access for the model: runs the `cypher/model/*.cypher` files, batched."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.db.database import Database, Row, Tx
from app.errors import Conflict

BATCH = 5_000
Key = tuple[str, str, str]
Written = Callable[[int], None]  # called with the size of each batch written


@dataclass(frozen=True)
class ExistingRelation:
    """A stored relationship: its (from, type, to) key and its properties."""

    key: Key
    props: dict[str, Any]


def _batches(rows: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def existing_elements(tx: Tx, ids: list[str]) -> dict[str, Row]:
    """Stored properties of those of `ids` that exist, by id."""
    found: dict[str, Row] = {}
    for batch in _batches(ids, 20_000):
        for row in tx.rows("model/get_elements_by_ids", ids=batch):
            found[row["id"]] = row
    return found


def existing_relations(tx: Tx, sources: list[str] | None) -> list[ExistingRelation]:
    """Relationships leaving `sources` (all of them when None)."""
    if sources is None:
        rows = tx.rows("model/get_all_relations")
    else:
        rows = [r for batch in _batches(sources, 20_000) for r in tx.rows("model/get_relations_from", ids=batch)]
    return [ExistingRelation((r["from"], r["type"], r["to"]), r["props"]) for r in rows]


def write_elements(tx: Tx, rows: list[Row], progress: Written | None = None, *, new: bool = False) -> None:
    """Upsert `{id, type, props}` rows in batches; `new`: none of them exists (created, not merged)."""
    query = "model/create_elements" if new else "model/upsert_elements"
    for batch in _batches(rows):
        tx.rows(query, rows=batch)
        if progress:
            progress(len(batch))


def write_relations(tx: Tx, rows: list[Row], progress: Written | None = None, *, new: bool = False) -> None:
    """Upsert `{from, type, to, props}` rows in batches; `new`: none of them exists."""
    query = "model/create_relations" if new else "model/upsert_relations"
    for batch in _batches(rows):
        written = tx.single(query, rows=batch)
        if not written or written["written"] != len(batch):
            # An end vanished after validation (a concurrent delete): undo everything.
            raise Conflict("an element this import refers to was deleted meanwhile; nothing was written")
        if progress:
            progress(len(batch))


def lock_model(tx: Tx) -> int:
    """The model's write lock, first thing in every write transaction of the model; answers the
    revision it holds the lock at."""
    row = tx.single("model/lock_model")
    return int(row["revision"]) if row else 0


def bump_revision(tx: Tx) -> int:
    """Every write transaction of the model calls this once: cached derived data goes stale.
    Answers the new revision."""
    row = tx.single("model/bump_revision")
    return int(row["revision"]) if row else 0


def delete_relations(tx: Tx, keys: list[Key]) -> list[Row]:
    rows = [{"from": f, "type": t, "to": to} for f, t, to in keys]
    return [r for batch in _batches(rows) for r in tx.rows("model/delete_relations", rows=batch)]


def delete_elements_except(tx: Tx, keep: list[str], cap: int) -> tuple[int, list[str]]:
    """How many elements went, and the first `cap` of their ids."""
    row = tx.single("model/delete_elements_except", keep=keep, cap=cap)
    return (int(row["deleted"]), list(row["ids"])) if row else (0, [])


def delete_element(tx: Tx, element_id: str) -> Row | None:
    """`{props, removed}`: the element's properties and the relationships removed with it (each
    with its properties), or None when it did not exist."""
    return tx.single("model/delete_element", id=element_id)


def elements_except(tx: Tx, keep: list[str]) -> list[dict[str, Any]]:
    """The stored properties of every element whose id is not in `keep`."""
    return [row["props"] for row in tx.rows("model/get_elements_except", keep=keep)]


def get_element(db: Database, element_id: str) -> Row | None:
    return db.read(lambda tx: tx.single("model/get_element", id=element_id))


def list_elements(db: Database, *, after: str, limit: int, element_type: str | None, pillar: str | None,
                  lifecycle: str | None, query: str | None, among: list[str] | None = None) -> list[Row]:
    """A page after `after`, filtered; `among`: only these ids (a partner's scope)."""
    filters = {"after": after, "limit": limit, "type": element_type, "pillar": pillar, "lifecycle": lifecycle,
               "among": among}
    if query is None:
        return db.read_rows("model/list_elements", **filters)
    return db.read_rows("model/search_elements", query=query, **filters)


def model_revision(db: Database) -> int:
    """How many changes the model has seen: one small read (see cypher/model/bump_revision)."""
    rows = db.read_once("model/get_revision")
    return int(rows[0]["revision"]) if rows else 0


def count_elements(db: Database) -> int:
    row = db.read(lambda tx: tx.single("model/count_elements"))
    return int(row["elements"]) if row else 0


def export_pages(db: Database, page_size: int = BATCH) -> tuple[Iterator[Row], Iterator[Row]]:
    """Elements, then relationships, read page by page so memory stays bounded."""

    def elements() -> Iterator[Row]:
        after = ""
        while True:
            rows = db.read_rows("model/export_elements_page", after=after, limit=page_size)
            yield from (r["props"] for r in rows)
            if len(rows) < page_size:
                return
            after = rows[-1]["props"]["id"]

    def relations() -> Iterator[Row]:
        after = ""
        while True:
            rows = db.read_rows("model/export_relations_page", after=after, limit=page_size)
            yield from (r for r in rows if r["type"] is not None)
            sources = {r["from"] for r in rows}
            if len(sources) < page_size:
                return
            after = max(sources)

    return elements(), relations()


def count_non_schema_nodes(db: Database) -> int:
    """Nodes other than the schema's bookkeeping: 0 in a database that holds nothing yet."""
    row = db.read(lambda tx: tx.single("model/count_non_schema_nodes"))
    return int(row["nodes"]) if row else 0


def set_element_properties(tx: Tx, rows: list[Row]) -> None:
    """Add `{id, props}` to stored elements, in batches."""
    for batch in _batches(rows):
        tx.rows("model/set_element_properties", rows=batch)


def set_relation_properties(tx: Tx, rows: list[Row]) -> None:
    """Add `{from, type, to, props}` to stored relationships, in batches."""
    for batch in _batches(rows):
        tx.rows("model/set_relation_properties", rows=batch)


def set_revision(tx: Tx, revision: int) -> None:
    tx.rows("model/set_revision", revision=revision)
