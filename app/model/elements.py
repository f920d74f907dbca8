"""One element or relation at a time: read, list and search, replace, delete."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from app.db.database import Database, Tx
from app.errors import BadParameter, NotFound
from app.model import repository as repo
from app.model.documents import element_from_properties, relation_from_properties
from app.model.service import ImportMode, ImportReport, import_model
from app.schema import ElementType, Lifecycle, Pillar, RelType

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


class ElementDetail(BaseModel):
    """An element in document form (its properties beside id, type and name) with its direct
    relationships, both directions, under `relations`."""

    model_config = ConfigDict(extra="allow")

    id: str
    type: str
    name: str
    relations: list[dict[str, Any]]


class ElementPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None


class DeletedElement(BaseModel):
    deleted: str
    relations_removed: list[dict[str, Any]]


class DeletedRelation(BaseModel):
    deleted: dict[str, str]


def get_element(*, db: Database, element_id: str) -> ElementDetail:
    row = repo.get_element(db, element_id)
    if row is None:
        raise NotFound(f"no element {element_id!r}")
    relations = [relation_from_properties(r["from"], r["type"], r["to"], r["props"]) for r in row["relations"]]
    relations.sort(key=lambda r: (r["from"], r["type"], r["to"]))
    return ElementDetail(**element_from_properties(row["props"]), relations=relations)


def _cursor_to_id(cursor: str | None) -> str:
    if not cursor:
        return ""
    try:
        padded = cursor.encode() + b"=" * (-len(cursor) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError, binascii.Error) as e:
        raise BadParameter("cursor: not a cursor this service gave out",
                           [{"field": "cursor", "reason": "malformed"}]) from e


def _id_to_cursor(element_id: str) -> str:
    return base64.urlsafe_b64encode(element_id.encode("utf-8")).decode().rstrip("=")


def lucene_query(text: str) -> str:
    """Each word of free text as an escaped prefix term, so no input can break the parser."""
    # Lower case: the analyser folds case anyway, and AND/OR/NOT stop being operators.
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.lower().split()]
    if not words:
        raise BadParameter("q: give at least one word to search for", [{"field": "q", "reason": "empty"}])
    return " AND ".join(f"({w} OR {w}*)" for w in words)


def list_elements(*, db: Database, element_type: ElementType | None, pillar: Pillar | None,
                  lifecycle: Lifecycle | None, q: str | None, limit: int, cursor: str | None) -> ElementPage:
    rows = repo.list_elements(
        db, after=_cursor_to_id(cursor), limit=limit + 1,
        element_type=element_type.value if element_type else None, pillar=pillar.value if pillar else None,
        lifecycle=lifecycle.value if lifecycle else None, query=lucene_query(q) if q is not None else None)
    items = [element_from_properties(r["props"]) for r in rows[:limit]]
    more = len(rows) > limit
    return ElementPage(items=items, next_cursor=_id_to_cursor(items[-1]["id"]) if more else None)


def put_element(*, db: Database, element_id: str, body: Any) -> tuple[ImportReport, ElementDetail]:
    """Create or replace one element (its properties become exactly the body's)."""
    if isinstance(body, dict):
        if body.get("id", element_id) != element_id:
            raise BadParameter(f"id: the body says {body.get('id')!r} but the path says {element_id!r}",
                               [{"field": "id", "reason": "differs from the path"}])
        body = {**body, "id": element_id}
    report = import_model(db=db, document={"elements": [body]}, mode=ImportMode.MERGE)
    return report, get_element(db=db, element_id=element_id)


def delete_element(*, db: Database, element_id: str) -> DeletedElement:
    removed = db.write(lambda tx: repo.delete_element(tx, element_id))
    if removed is None:
        raise NotFound(f"no element {element_id!r}")
    removed.sort(key=lambda r: (r["from"], r["type"], r["to"]))
    return DeletedElement(deleted=element_id, relations_removed=removed)


def put_relation(*, db: Database, body: Any) -> ImportReport:
    """Create or update one relationship, with every check of an import."""
    return import_model(db=db, document={"relations": [body]}, mode=ImportMode.MERGE)


def delete_relation(*, db: Database, source: str, rel_type: RelType, target: str) -> DeletedRelation:
    def work(tx: Tx) -> list[dict[str, Any]]:
        found = repo.delete_relations(tx, [(source, rel_type.value, target)])
        if found:
            repo.bump_revision(tx)
        return found

    removed = db.write(work)
    if not removed:
        raise NotFound(f"no relationship {source} -{rel_type.value}-> {target}")
    return DeletedRelation(deleted={"from": source, "type": rel_type.value, "to": target})
