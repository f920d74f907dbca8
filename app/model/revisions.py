"""The model's history as the API answers it: the writes that made each revision, the difference
between two revisions, and the whole model as it stood at one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from app.db.database import Database, Tx
from app.errors import BadParameter
from app.model import history
from app.model.answers import (
    ElementChange,
    ElementsDiff,
    ModelDiff,
    RelationChange,
    RelationsDiff,
    RevisionEntry,
    RevisionPage,
)
from app.stored import element_from_properties, relation_from_properties


def list_revisions(*, db: Database, since: int, limit: int) -> RevisionPage:
    """The writes after revision `since`, oldest first, at most `limit`."""

    def work(tx: Tx) -> RevisionPage:
        found = history.bounds(tx)
        rows = tx.rows("history/list_revisions", since=since, limit=limit + 1)
        entries = [RevisionEntry(revision=r["revision"], at=r["at"], who=r["who"], action=r["action"],
                                 target=r["target"], counts=json.loads(r["counts_json"] or "{}")) for r in rows[:limit]]
        more = len(rows) > limit
        return RevisionPage(revision=found.revision, oldest=found.oldest, revisions=entries,
                            next_since=entries[-1].revision if more else None)

    return db.read(work)


def diff(*, db: Database, from_revision: int, to_revision: int | None) -> ModelDiff:
    """What changed from `from_revision` to `to_revision` (now when None); 400 when `from` is after `to`."""

    def work(tx: Tx) -> ModelDiff:
        found = history.bounds(tx)
        to = found.revision if to_revision is None else to_revision
        if from_revision > to:
            raise BadParameter(f"from: {from_revision} is after to ({to})", [{"field": "from", "reason": "after `to`"}])
        earlier, later, touched = history.states_at(tx, from_revision, to)
        return _diff(from_revision, to, {item: (history.value_of(earlier, item), history.value_of(later, item))
                                         for item in touched})

    return db.read(work)


def _diff(from_revision: int, to_revision: int, changes: dict[Any, tuple[Any, Any]]) -> ModelDiff:
    """Each item's value at both revisions; those left as they were are not listed."""
    elements = ElementsDiff(added=[], removed=[], changed=[])
    relations = RelationsDiff(added=[], removed=[], changed=[])
    changes = {item: values for item, values in changes.items() if values[0] != values[1]}
    for (kind, key), (before, after) in sorted(changes.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        if kind == "element":
            if before is None:
                elements.added.append(element_from_properties(after))
            elif after is None:
                elements.removed.append(element_from_properties(before))
            else:
                elements.changed.append(ElementChange(id=key, before=element_from_properties(before),
                                                      after=element_from_properties(after)))
        else:
            source, rel_type, target = key
            if before is None:
                relations.added.append(relation_from_properties(source, rel_type, target, after))
            elif after is None:
                relations.removed.append(relation_from_properties(source, rel_type, target, before))
            else:
                relations.changed.append(RelationChange.model_validate(
                    {"from": source, "type": rel_type, "to": target, "before": before, "after": after}))
    return ModelDiff.model_validate({"from": from_revision, "to": to_revision, "elements": elements,
                                     "relations": relations})


def items_at(*, db: Database, revision: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """The model at `revision` as export items (elements by id, then relations by key)."""
    state = db.read(lambda tx: history.state_at(tx, revision))
    for element_id in sorted(state.elements):
        yield "element", element_from_properties(state.elements[element_id])
    for key in sorted(state.relations):
        yield "relation", relation_from_properties(*key, state.relations[key])
