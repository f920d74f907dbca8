"""Scenarios (docs/scenarios.md): a named change set on a base revision of the model, validated as
an import against that revision, and answered on without ever writing the live model.

A change set adds or changes elements and relations (documents, as an import takes them; a
changed item's properties become exactly the document's) and removes elements (with their
relationships) and relationships. The scenario's model is the model at the base revision, told
from history, with the change set applied.
"""

from __future__ import annotations

import copy
from typing import Any

from app.db.database import Database, Tx
from app.errors import Conflict, NotFound
from app.model import history
from app.model.answers import ChangeSet, ImportMode, ImportReport, ScenarioBody, ScenarioView
from app.model.history import ModelState
from app.model.service import WriteBy, import_model
from app.model.validation import Problems, check_duplicates, check_groups_and_masters, check_relations, parse_items
from app.stored import element_from_properties, relation_from_properties

MAX_CHANGES = 10_000  # items a change set may hold (add, change and remove together)


def applied(base: ModelState, changes: ChangeSet) -> ModelState:
    """The base model with the change set applied; a 422 naming each problem, as an import's."""
    problems = Problems()
    if changes.size() > MAX_CHANGES:
        problems.add("changes", None, None, "(changes)", f"more than {MAX_CHANGES} items")
        problems.raise_if_any()
    state = ModelState(base.revision, copy.copy(base.elements), copy.copy(base.relations))
    removed = set()
    for index, element_id in enumerate(changes.remove.elements):
        if element_id not in state.elements:
            problems.add("remove.elements", index, element_id, "id", f"no element {element_id!r} at the base revision")
        removed.add(element_id)
    for index, key in enumerate(changes.remove.relations):
        found = (key.from_, key.type.value, key.to)
        if found not in state.relations:
            problems.add("remove.relations", index, key.from_, "to",
                         f"no relationship {key.from_} -{key.type.value}-> {key.to} at the base revision")
        state.relations.pop(found, None)
    for element_id in removed:
        state.elements.pop(element_id, None)
    state.relations = {k: v for k, v in state.relations.items() if k[0] not in removed and k[2] not in removed}

    parsed = parse_items({"elements": changes.elements, "relations": changes.relations}, problems)
    check_duplicates(parsed.elements, parsed.relations, problems)
    types = {element_id: str(props["type"]) for element_id, props in state.elements.items()}
    for index, e in enumerate(parsed.elements):
        if e.id in types and types[e.id] != str(e.type):
            problems.add("elements", index, e.id, "type", f"{e.id} is a {types[e.id]} at the base revision; a type "
                                                          "cannot change (remove it and add a new element)")
    types.update({e.id: str(e.type) for e in parsed.elements})
    check_relations(parsed.relations, types, parsed.invalid_ids, problems)
    check_groups_and_masters(parsed.relations, state.relations, problems)
    problems.raise_if_any()
    for e in parsed.elements:
        state.elements[e.id] = e.to_properties()
    for r in parsed.relations:
        state.relations[r.key] = r.to_properties()
    return state


# -- stored scenarios -----------------------------------------------------------------------------


def _view(row: dict[str, Any], live_revision: int) -> ScenarioView:
    s = row["scenario"]
    return ScenarioView(name=s["name"], description=s.get("description"), base=s["base"], live_revision=live_revision,
                        behind=live_revision > s["base"], who=s["who"], updated_at=str(s["updated_at"]),
                        changes=ChangeSet.model_validate_json(s["changes_json"]))


def save(*, db: Database, name: str, body: ScenarioBody, actor: str, create: bool) -> ScenarioView:
    """Validate the change set against its base (now when unset) and store it: a new scenario
    (409 when the name is taken) or one replaced (404 when there is none)."""

    def work(tx: Tx) -> ScenarioView:
        found = history.bounds(tx)
        base = found.revision if body.base is None else body.base
        history.check_revision(found, base, "base")
        applied(history.state_at(tx, base), body.changes)
        exists = tx.single("scenarios/get_scenario", name=name) is not None
        if create and exists:
            raise Conflict(f"a scenario named {name!r} exists; PUT /api/v1/scenarios/{name} replaces it")
        if not create and not exists:
            raise NotFound(f"no scenario {name!r}")
        row = tx.single("scenarios/save_scenario", name=name, base=base, description=body.description, who=actor,
                        changes_json=body.changes.model_dump_json(by_alias=True))
        assert row is not None
        return _view(row, found.revision)

    return db.write(work)


def view_in(tx: Tx, name: str) -> ScenarioView:
    """The scenario as stored, read in `tx` (404 when there is none)."""
    row = tx.single("scenarios/get_scenario", name=name)
    if row is None:
        raise NotFound(f"no scenario {name!r}")
    return _view(row, history.bounds(tx).revision)


def get(*, db: Database, name: str) -> ScenarioView:
    return db.read(lambda tx: view_in(tx, name))


def list_all(*, db: Database) -> list[ScenarioView]:
    def work(tx: Tx) -> list[ScenarioView]:
        revision = history.bounds(tx).revision
        return [_view(row, revision) for row in tx.rows("scenarios/list_scenarios")]

    return db.read(work)


def delete(*, db: Database, name: str) -> None:
    if not db.write(lambda tx: tx.rows("scenarios/delete_scenario", name=name)):
        raise NotFound(f"no scenario {name!r}")


def state_of(tx: Tx, name: str) -> tuple[ModelState, str]:
    """The scenario's model, and the version it was made from (its last update)."""
    row = tx.single("scenarios/get_scenario", name=name)
    if row is None:
        raise NotFound(f"no scenario {name!r}")
    s = row["scenario"]
    return applied(history.state_at(tx, s["base"]), ChangeSet.model_validate_json(s["changes_json"])), str(
        s["updated_at"])


def version(*, db: Database, name: str) -> str:
    """When the scenario was last saved (404 when there is none): its model changes only then."""
    row = db.read(lambda tx: tx.single("scenarios/get_scenario", name=name))
    if row is None:
        raise NotFound(f"no scenario {name!r}")
    return str(row["scenario"]["updated_at"])


def _touched(changes: ChangeSet) -> set[tuple[str, str | tuple[str, str, str]]]:
    """The items a change set adds, changes or removes."""
    found: set[tuple[str, str | tuple[str, str, str]]] = set()
    found.update(("element", str(e.get("id"))) for e in changes.elements)
    found.update(("element", i) for i in changes.remove.elements)
    found.update(("relation", (str(r.get("from")), str(r.get("type")), str(r.get("to")))) for r in changes.relations)
    found.update(("relation", (k.from_, k.type.value, k.to)) for k in changes.remove.relations)
    return found


def rebase(*, db: Database, name: str, actor: str) -> ScenarioView:
    """Move the scenario's base to the live revision. 409 naming each conflict when the live model
    changed an item the change set touches since the base; 422 when the change set no longer fits."""

    def work(tx: Tx) -> ScenarioView:
        row = tx.single("scenarios/get_scenario", name=name)
        if row is None:
            raise NotFound(f"no scenario {name!r}")
        s, found = row["scenario"], history.bounds(tx)
        changes = ChangeSet.model_validate_json(s["changes_json"])
        if s["base"] == found.revision:
            return _view(row, found.revision)
        history.check_revision(found, s["base"], "base")
        moved = history.touched(tx, s["base"], found.revision)
        conflicts = sorted(_touched(changes) & moved, key=str)
        if conflicts:
            raise Conflict(f"{len(conflicts)} item(s) the scenario changes changed in the live model since revision "
                           f"{s['base']}; edit the change set (PUT) and rebase again",
                           [{"field": "changes", "kind": kind, "id": key if isinstance(key, str) else list(key),
                             "reason": f"changed in the live model since revision {s['base']}"}
                            for kind, key in conflicts])
        applied(history.state_at(tx, found.revision), changes)
        saved = tx.single("scenarios/save_scenario", name=name, base=found.revision, description=s.get("description"),
                          who=actor, changes_json=s["changes_json"])
        assert saved is not None
        return _view(saved, found.revision)

    return db.write(work)


def document_of(state: ModelState) -> dict[str, Any]:
    """A model told as stored properties, as an import document."""
    return {"elements": [element_from_properties(p) for p in state.elements.values()],
            "relations": [relation_from_properties(*k, p) for k, p in state.relations.items()]}


def apply(*, db: Database, name: str, actor: str) -> ImportReport:
    """Write the scenario to the live model as one atomic write: the model becomes the scenario's.
    409 when the live model has moved past the base (rebase first), checked again under the lock."""
    view = get(db=db, name=name)
    if view.behind:
        raise Conflict(f"the live model is at revision {view.live_revision}, past the scenario's base {view.base}: "
                       f"rebase it (POST /api/v1/scenarios/{name}/rebase) before applying")
    state, _ = db.read(lambda tx: state_of(tx, name))
    return import_model(db=db, document=document_of(state), mode=ImportMode.REPLACE,
                        by=WriteBy(actor, "scenario.apply", name), expect_revision=view.base)
