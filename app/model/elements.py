"""One element or relation at a time: read, list and search, replace, delete."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from typing import Any

from app.access.scope import Scope
from app.audit import trail
from app.db.database import Database, Tx
from app.errors import BadParameter, NotFound
from app.model import history
from app.model import repository as repo
from app.model.answers import (
    DeletedElement,
    DeletedRelation,
    ElementDetail,
    ElementPage,
    ElementView,
    ImportMode,
    ImportReport,
    RelationKey,
    RelationView,
)
from app.model.service import WriteBy, import_model
from app.schema import ElementType, Lifecycle, Pillar, RelType
from app.stored import element_from_properties, relation_from_properties

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def get_element(*, db: Database, element_id: str, scope: Scope | None = None) -> ElementDetail:
    """The element and its relationships; with a partner scope, as the scope shows them."""
    row = repo.get_element(db, element_id) if scope is None or scope.sees(element_id) else None
    if row is None:
        raise NotFound(f"no element {element_id!r}")
    shown_relations = [r for r in row["relations"]
                       if scope is None or scope.sees_relation(r["from"], r["type"], r["to"])]
    relations = sorted(shown_relations, key=lambda r: (r["from"], r["type"], r["to"]))
    doc = element_from_properties(row["props"])
    shown = scope.document(doc) if scope else doc
    assert shown is not None  # the scope sees the element (checked above)
    return ElementDetail.model_validate({**shown, "relations": [
        RelationView.model_validate(relation_from_properties(r["from"], r["type"], r["to"], r["props"]))
        for r in relations]})


CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"


def _cursor_to_id(cursor: str | None) -> str:
    """A cursor is a position: the list goes on after the id it encodes. Any URL-safe base64
    text is one (bytes that are no UTF-8 read as what they spell); anything else is a 400."""
    if not cursor:
        return ""
    if not re.fullmatch(CURSOR_PATTERN, cursor):
        raise BadParameter("cursor: not a cursor this service gave out",
                           [{"field": "cursor", "reason": "not URL-safe base64"}])
    usable = cursor[:len(cursor) - 1] if len(cursor) % 4 == 1 else cursor  # a lone last sextet says nothing
    padded = usable.encode() + b"=" * (-len(usable) % 4)
    try:
        return base64.b64decode(padded, altchars=b"-_", validate=False).decode("utf-8", "replace")
    except (ValueError, binascii.Error) as e:  # not URL-safe base64 at all (the route's pattern keeps it out)
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


def _searchable(scope: Scope | None, q: str | None) -> list[str] | None:
    """The ids a partner may list: its scope; for a text search only its full scope, since the
    search also reads descriptions, which context elements do not show."""
    if scope is None:
        return None
    return sorted(scope.full if q is not None else scope.full | scope.context)


def list_elements(*, db: Database, element_type: ElementType | None, pillar: Pillar | None,
                  lifecycle: Lifecycle | None, q: str | None, limit: int, cursor: str | None,
                  scope: Scope | None = None) -> ElementPage:
    """A page of elements by id; with a partner scope, only those it sees, as it shows them. A
    blank `q` searches nothing: it lists, as an empty search box would."""
    q = q if q is not None and q.split() else None
    rows = repo.list_elements(
        db, after=_cursor_to_id(cursor), limit=limit + 1,
        element_type=element_type.value if element_type else None, pillar=pillar.value if pillar else None,
        lifecycle=lifecycle.value if lifecycle else None, query=lucene_query(q) if q is not None else None,
        among=_searchable(scope, q))
    docs = [element_from_properties(r["props"]) for r in rows[:limit]]
    items = [d for d in (scope.document(d) for d in docs) if d is not None] if scope else docs
    more = len(rows) > limit
    return ElementPage(items=[ElementView.model_validate(d) for d in items],
                       next_cursor=_id_to_cursor(items[-1]["id"]) if more else None)


def first_pages(*, db: Database, types: Iterable[ElementType], limit: int,
                scope: Scope | None = None) -> dict[ElementType, ElementPage]:
    """The first page of each of `types`, as list_elements answers it."""
    return {t: list_elements(db=db, element_type=t, pillar=None, lifecycle=None, q=None, limit=limit, cursor=None,
                             scope=scope) for t in types}


def put_element(*, db: Database, element_id: str, body: Any, actor: str) -> tuple[ImportReport, ElementDetail]:
    """Create or replace one element (its properties become exactly the body's)."""
    if isinstance(body, dict):
        if body.get("id", element_id) != element_id:
            raise BadParameter(f"id: the body says {body.get('id')!r} but the path says {element_id!r}",
                               [{"field": "id", "reason": "differs from the path"}])
        body = {**body, "id": element_id}
    report = import_model(db=db, document={"elements": [body]}, mode=ImportMode.MERGE,
                          by=WriteBy(actor, "element.put", element_id))
    return report, get_element(db=db, element_id=element_id)


def delete_element(*, db: Database, element_id: str, actor: str) -> DeletedElement:
    def work(tx: Tx) -> list[dict[str, Any]] | None:
        repo.lock_model(tx)
        deleted = repo.delete_element(tx, element_id)
        if deleted is None:
            return None
        found: list[dict[str, Any]] = deleted["removed"]
        revision = repo.bump_revision(tx)
        labels = (trail.relation_label(r["from"], r["type"], r["to"]) for r in found)
        trail.record(tx, who=actor, action="element.delete", target=element_id,
                     counts={"elements": {"deleted": 1}, "relations": {"deleted": len(found)}},
                     ids=[element_id, *labels], revision=revision)
        history.record(tx, revision, [
            history.element_change(element_id, deleted["props"]),
            *(history.relation_change((r["from"], r["type"], r["to"]), r["props"]) for r in found)])
        return found

    removed = db.write(work)
    if removed is None:
        raise NotFound(f"no element {element_id!r}")
    removed.sort(key=lambda r: (r["from"], r["type"], r["to"]))
    return DeletedElement(deleted=element_id, relations_removed=[RelationKey.model_validate(r) for r in removed])


def put_relation(*, db: Database, body: Any, actor: str) -> ImportReport:
    """Create or update one relationship, with every check of an import."""
    target = (trail.relation_label(str(body.get("from")), str(body.get("type")), str(body.get("to")))
              if isinstance(body, dict) else None)
    return import_model(db=db, document={"relations": [body]}, mode=ImportMode.MERGE,
                        by=WriteBy(actor, "relation.put", target))


def delete_relation(*, db: Database, source: str, rel_type: RelType, target: str, actor: str) -> DeletedRelation:
    def work(tx: Tx) -> list[dict[str, Any]]:
        repo.lock_model(tx)
        found = repo.delete_relations(tx, [(source, rel_type.value, target)])
        if found:
            label = trail.relation_label(source, rel_type.value, target)
            revision = repo.bump_revision(tx)
            trail.record(tx, who=actor, action="relation.delete", target=label,
                         counts={"relations": {"deleted": len(found)}}, ids=[label], revision=revision)
            history.record(tx, revision, [history.relation_change((r["from"], r["type"], r["to"]), r["props"])
                                          for r in found])
        return found

    removed = db.write(work)
    if not removed:
        raise NotFound(f"no relationship {source} -{rel_type.value}-> {target}")
    return DeletedRelation(deleted=RelationKey.model_validate({"from": source, "type": rel_type, "to": target}))
