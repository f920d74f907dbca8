"""The audit trail: an entry per write, recorded in the transaction of the write itself.

An entry commits with its write or not at all, so a refused or failed write leaves none.
Entries are numbered (`seq`) in commit order; they are read newest first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from app.db.database import Database, Row, Tx
from app.db.values import native

IDS_KEPT = 1000  # the ids an entry names; ids_total says how many there were


class AuditEntry(BaseModel):
    seq: int = Field(description="position in commit order")
    at: datetime
    who: str = Field(description="the key's name; `cli:<user>` or `system:<task>` for writes outside the API")
    action: str = Field(description="model.import, element.put, element.delete, relation.put, relation.delete, "
                                    "key.create, key.revoke")
    target: str | None = Field(description="the element, relation, key or import mode the write was about")
    counts: dict[str, Any]
    ids: list[str] = Field(description=f"what changed: element ids, `from -TYPE-> to` for relations, key names "
                                       f"(the first {IDS_KEPT})")
    ids_total: int
    revision: int | None = Field(description="the model revision the write made, when it changed the model")


class AuditPage(BaseModel):
    entries: list[AuditEntry]
    next_before: int | None = Field(description="pass as `before` for the older entries; null at the end")


def relation_label(source: str, rel_type: str, target: str) -> str:
    return f"{source} -{rel_type}-> {target}"


def record(tx: Tx, *, who: str, action: str, target: str | None = None, counts: dict[str, Any] | None = None,
           ids: Iterable[str] = (), revision: int | None = None) -> None:
    """Add an entry in the write's own transaction."""
    kept: list[str] = []
    total = 0
    for item in ids:
        total += 1
        if len(kept) < IDS_KEPT:
            kept.append(item)
    tx.rows("audit/record_entry", who=who, action=action, target=target,
            counts_json=json.dumps(counts or {}, sort_keys=True), ids=kept, ids_total=total, revision=revision)


def _entry(row: Row) -> AuditEntry:
    e = row["entry"]
    return AuditEntry(seq=e["seq"], at=native(e["at"]), who=e["who"], action=e["action"], target=e["target"],
                      counts=json.loads(e["counts_json"] or "{}"), ids=list(e["ids"] or []),
                      ids_total=e["ids_total"] or 0, revision=e["revision"])


def _utc(moment: datetime) -> str:
    """An instant as ISO text in UTC (Neo4j takes offsets up to 18 h only); a time without an offset is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat()
    except OverflowError:  # past year 1 or 9999 once shifted to UTC: before or after every entry
        return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=UTC).isoformat()


def list_entries(*, db: Database, since: datetime | None, before: int | None, limit: int) -> AuditPage:
    """Entries at or after `since` and before entry `before`, newest first, at most `limit`."""
    rows = db.read_rows("audit/list_entries", since=_utc(since) if since else None, before=before,
                        limit=limit + 1)
    entries = [_entry(r) for r in rows[:limit]]
    return AuditPage(entries=entries, next_before=entries[-1].seq if len(rows) > limit else None)
