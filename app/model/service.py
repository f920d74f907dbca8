"""Import (merge or replace, atomic), export, and single-item changes of the model."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.access.scope import Scope
from app.audit import trail
from app.db.database import Database, Tx
from app.errors import Conflict
from app.model import history
from app.model import repository as repo
from app.model.answers import Counts, ImportMode, ImportReport
from app.model.documents import ElementDoc, RelationDoc
from app.model.validation import (
    ParsedDocument,
    Problems,
    check_duplicates,
    check_groups_and_masters,
    check_relations,
    parse_items,
)
from app.schema import AttestationStatus, RelType, RemediationStatus
from app.stored import element_from_properties, relation_from_properties

# Called with the number of items written so far; a retried transaction starts again from zero.
Progress = Callable[[int], None]
Key = tuple[str, str, str]


@dataclass(frozen=True)
class WriteBy:
    """Who asks for a write and what it is, for the audit trail."""

    actor: str  # the key's name, or cli:<user> / system:<task>
    action: str = "model.import"
    target: str | None = None


def _classify(new: dict[Any, dict[str, Any]], stored: dict[Any, dict[str, Any]]) -> tuple[list[Any], Counts]:
    """Which keys to write (created or changed), and the counts."""
    counts = Counts()
    changed = []
    for key, props in new.items():
        if key not in stored:
            counts.created += 1
            changed.append(key)
        elif stored[key] != props:
            counts.updated += 1
            changed.append(key)
        else:
            counts.unchanged += 1
    return changed, counts


def _import(tx: Tx, parsed: ParsedDocument, problems: Problems, mode: ImportMode, by: WriteBy,
            progress: Progress | None, expect_revision: int | None) -> ImportReport:
    """Check against the database, then write: both in one transaction, under the model's lock."""
    revision = repo.lock_model(tx)
    if expect_revision is not None and revision != expect_revision:
        raise Conflict(f"the model is at revision {revision}, not {expect_revision}: it changed meanwhile; "
                       "nothing was written")
    elements, relations = parsed.elements, parsed.relations
    replace = mode == ImportMode.REPLACE
    stored = repo.existing_elements(tx, [e.id for e in elements])
    retyped = {e.id for e in elements if e.id in stored and stored[e.id]["type"] != e.type}
    for index, e in enumerate(elements):
        if e.id in retyped and not replace:
            problems.add("elements", index, e.id, "type",
                         f"{e.id} exists as a {stored[e.id]['type']}; an element's type cannot change "
                         "(delete it first, or import in replace mode)")
    types = {} if replace else {i: r["type"] for i, r in stored.items()}
    types.update({e.id: str(e.type) for e in elements})
    outside = sorted({ref for r in relations for ref in (r.from_, r.to)} - set(types))
    if outside and not replace:
        types.update({i: r["type"] for i, r in repo.existing_elements(tx, outside).items()})
    check_relations(relations, types, parsed.invalid_ids, problems)

    sources = None if replace else sorted({r.from_ for r in relations})
    existing = repo.existing_relations(tx, sources)
    check_groups_and_masters(relations, {} if replace else {e.key: e.props for e in existing}, problems)
    problems.raise_if_any()
    before = _Before({i: r["props"] for i, r in stored.items()}, {e.key: e.props for e in existing})
    if retyped:  # replace mode: a retyped element is deleted and made anew, with its relations
        stored = {i: r for i, r in stored.items() if i not in retyped}
        existing = [e for e in existing if e.key[0] not in retyped and e.key[2] not in retyped]
    return _write(tx, mode, elements, relations, stored, existing, retyped, before, by, progress)


@dataclass(frozen=True)
class _Before:
    """What the items of an import held before it (for the model's history)."""

    elements: dict[str, dict[str, Any]]
    relations: dict[Key, dict[str, Any]]


def _write(tx: Tx, mode: ImportMode, elements: list[ElementDoc], relations: list[RelationDoc],
           stored: dict[str, Any], existing: list[repo.ExistingRelation], retyped: set[str], before: _Before,
           by: WriteBy, progress: Progress | None) -> ImportReport:
    new_elements = {e.id: e.to_properties() for e in elements}
    element_keys, element_counts = _classify(new_elements, {i: r["props"] for i, r in stored.items()})
    new_relations = {r.key: r.to_properties() for r in relations}
    relation_keys, relation_counts = _classify(new_relations, {e.key: e.props for e in existing})
    removed_ids: list[str] = []
    stale: list[Key] = []
    keep = history.kept()
    removed_elements: list[dict[str, Any]] = []
    if mode == ImportMode.REPLACE:
        if not keep.nothing:
            removed_elements = repo.elements_except(tx, list(new_elements))
        # Elements not kept go with their relationships; stale ones between kept elements go here.
        removed, removed_ids = repo.delete_elements_except(tx, list(stored), trail.IDS_KEPT)
        element_counts.deleted = removed - len(retyped)  # retyped ones are made anew below
        stale = [e.key for e in existing if e.key not in new_relations]
        repo.delete_relations(tx, [k for k in stale if k[0] in stored and k[2] in stored])
        relation_counts.deleted = len(stale)
    by_id = {e.id: e for e in elements}
    # What is not stored (read above, under the model's lock) is created, not merged: a first load
    # is mostly new items, and MERGE would look each one up again.
    for new in (True, False):
        repo.write_elements(tx, [{"id": k, "type": str(by_id[k].type), "props": new_elements[k]}
                                 for k in element_keys if (k not in stored) == new], progress, new=new)
    stored_relations = {e.key for e in existing}
    for new in (True, False):
        repo.write_relations(tx, [{"from": k[0], "type": k[1], "to": k[2], "props": new_relations[k]}
                                  for k in relation_keys if (k not in stored_relations) == new], progress, new=new)
    closed = closed_remediations(new_relations, relation_keys,
                                 {} if mode == ImportMode.REPLACE else {e.key: e.props for e in existing}, date.today())
    if closed:
        repo.write_relations(tx, [{"from": k[0], "type": k[1], "to": k[2], "props": p} for k, p in closed.items()])
    closed_too = [k for k in closed if k not in relation_keys]  # not changed by the document itself
    relation_counts.updated += len(closed_too)
    relation_counts.unchanged -= sum(1 for k in closed_too if k in new_relations)
    relation_keys = [*relation_keys, *closed_too]
    revision = None
    if element_keys or relation_keys or element_counts.deleted or relation_counts.deleted:
        revision = repo.bump_revision(tx)
        history.record(tx, revision, itertools.chain(
            (history.element_change(k, before.elements.get(k)) for k in element_keys),
            (history.element_change(props["id"], props) for props in removed_elements),
            (history.relation_change(k, before.relations.get(k)) for k in relation_keys),
            # replace mode: every relationship stored before and not in the document went, those
            # of a retyped element too (deleted with its old type, not listed as stale)
            (history.relation_change(k, props) for k, props in before.relations.items()
             if mode == ImportMode.REPLACE and k not in new_relations)), keep)
    report = ImportReport(mode=mode, elements=element_counts, relations=relation_counts)
    changed = itertools.chain(element_keys, removed_ids, (trail.relation_label(*k) for k in relation_keys),
                              (trail.relation_label(*k) for k in stale))
    trail.record(tx, who=by.actor, action=by.action, target=by.target or mode.value,
                 counts=report.model_dump(exclude={"mode"}), ids=changed, revision=revision)
    return report


def closed_remediations(written: dict[Key, dict[str, Any]], changed: list[Key], stored: dict[Key, dict[str, Any]],
                        today: date) -> dict[Key, dict[str, Any]]:
    """The remediations a write closes: those still open or in progress whose organisation the write
    attests compliant for their requirement, valid today (a new or renewed attestation ends the gap).
    `written`: the document's relations; `changed`: those it creates or changes; `stored`: the
    relations stored before that the model keeps. Their properties once closed, by key."""
    closed = {}
    for org, rel_type, requirement in changed:
        attested = written[(org, rel_type, requirement)]
        valid_until = attested.get("valid_until")
        if (rel_type != RelType.ATTESTS or attested.get("status") != AttestationStatus.COMPLIANT
                or (valid_until is not None and str(valid_until) < today.isoformat())):
            continue
        key = (org, RelType.REMEDIATES.value, requirement)
        remediation = written.get(key, stored.get(key))
        if remediation is not None and remediation.get("status") in (RemediationStatus.OPEN,
                                                                      RemediationStatus.IN_PROGRESS):
            closed[key] = {**remediation, "status": RemediationStatus.DONE.value, "closed_on": today.isoformat(),
                           "closed_by": "attestation"}
    return closed


def import_model(*, db: Database, document: Any, by: WriteBy, mode: ImportMode = ImportMode.MERGE,
                 progress: Progress | None = None, expect_revision: int | None = None) -> ImportReport:
    """Import a model document atomically: every item is written, or none, with its audit entry.
    With `expect_revision`, only onto the model at that revision (else 409, nothing written).

    Each item is checked before the transaction opens (the checks that need no database), so a
    long document holds no transaction while it is read; the rest is checked in the transaction
    that writes. Problems of both are answered together."""
    problems = Problems()
    parsed = parse_items(document, problems)
    check_duplicates(parsed.elements, parsed.relations, problems)

    def attempt(tx: Tx) -> ImportReport:
        # The driver may run this again after a transient error: each attempt starts again from the
        # problems found before it, and counts its progress from zero.
        written = _Written(progress)
        return _import(tx, parsed, problems.copy(), mode, by, written.add if progress else None, expect_revision)

    return db.write(attempt)


def check_alone(document: Any) -> ParsedDocument:
    """Every check of an import, for a document that meets an empty model (the bulk load's): it
    refuses what `import_model` refuses on an empty database, with the same problems."""
    problems = Problems()
    parsed = parse_items(document, problems)
    check_duplicates(parsed.elements, parsed.relations, problems)
    check_relations(parsed.relations, {e.id: str(e.type) for e in parsed.elements}, parsed.invalid_ids, problems)
    check_groups_and_masters(parsed.relations, {}, problems)
    problems.raise_if_any()
    return parsed


class _Written:
    """Items written so far by one attempt, reported as a running total (see Progress)."""

    def __init__(self, report: Progress | None) -> None:
        self._report = report
        self.total = 0

    def add(self, count: int) -> None:
        self.total += count
        if self._report is not None:
            self._report(self.total)


def export_model(*, db: Database, scope: Scope | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """("element" | "relation", item) pairs of the whole model, streamed in pages; with a partner
    scope, the part it sees, as it shows it."""
    elements, relations = repo.export_pages(db)
    for props in elements:
        doc = element_from_properties(props)
        shown = scope.document(doc) if scope else doc
        if shown is not None:
            yield "element", shown
    for row in relations:
        if scope is None or scope.sees_relation(row["from"], row["type"], row["to"]):
            yield "relation", relation_from_properties(row["from"], row["type"], row["to"], row["props"])


def import_size(document: Any) -> int:
    """How many items a document holds (for progress bars)."""
    if not isinstance(document, dict):
        return 0
    return sum(len(document.get(k) or []) for k in ("elements", "relations") if isinstance(document.get(k), list))
