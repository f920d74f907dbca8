"""The model's history: every write keeps what it changed, so the model, its differences and every
analysis can be asked as of any revision history holds; partners see none of it."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.access.roles import Role
from app.db.database import Database
from app.errors import NotFound
from app.model import elements, history
from app.model.answers import ImportMode
from app.model.revisions import diff, items_at
from app.model.service import WriteBy, import_model
from app.schema import RelType
from tests.conftest import bearer, new_token
from tests.model.helpers import as_sets, el, export, rel, small_model


def _revision(client: TestClient) -> int:
    response = client.get("/api/v1/revisions?limit=1")
    assert response.status_code == 200, response.text
    return int(response.json()["revision"])


def _key(r: dict[str, Any]) -> tuple[str, str, str]:
    return r["from"], r["type"], r["to"]


def apply_diff(document: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A document with a diff's changes made to it, as a client would apply them."""
    found = {e["id"]: e for e in document["elements"]}
    for e in changes["elements"]["removed"]:
        found.pop(e["id"])
    for e in changes["elements"]["added"]:
        found[e["id"]] = e
    for c in changes["elements"]["changed"]:
        assert found[c["id"]] == c["before"]
        found[c["id"]] = c["after"]
    relations = {_key(r): r for r in document["relations"]}
    for r in changes["relations"]["removed"]:
        relations.pop(_key(r))
    for r in changes["relations"]["added"]:
        relations[_key(r)] = r
    for c in changes["relations"]["changed"]:
        relations[_key(c)] = {"from": c["from"], "type": c["type"], "to": c["to"], **c["after"]}
    return {"elements": list(found.values()), "relations": list(relations.values())}


def test_the_model_its_differences_and_its_analyses_as_of_every_revision(client: TestClient) -> None:
    start = _revision(client)
    steps: list[tuple[int, dict[str, Any], dict[str, Any]]] = [(start, export(client), {})]

    def step(response: Any) -> None:
        assert response.status_code in (200, 201), response.text
        answers = {path: client.get(path).json() for path in (
            "/api/v1/elements/P/single-points-of-failure", "/api/v1/analysis/critical-elements",
            "/api/v1/elements/P/weakest-link")} if any(e["id"] == "P" for e in export(client)["elements"]) else {}
        steps.append((_revision(client), export(client), answers))

    step(client.post("/api/v1/model", json=small_model()))
    step(client.put("/api/v1/elements/S2", json={"type": "Service", "name": "S2 renamed", "service_level": 1,
                                                 "tags": ["core"]}))
    step(client.delete("/api/v1/elements/X"))
    step(client.delete("/api/v1/relations", params={"from": "P", "type": "INCLUDES", "to": "S2"}))
    replaced = small_model()
    replaced["elements"] = [e for e in replaced["elements"] if e["id"] not in ("O3", "X")] + [el("Z", "System")]
    replaced["relations"] = [r for r in replaced["relations"] if "O3" not in (r["from"], r["to"])
                             and "X" not in (r["from"], r["to"])] + [rel("S2", "RUNS_ON", "Z")]
    step(client.post("/api/v1/model?mode=replace", json=replaced))

    revisions = [r for r, _, _ in steps]
    assert revisions == list(range(start, start + len(steps)))
    listed = client.get(f"/api/v1/revisions?since={start}").json()["revisions"]
    assert [(e["revision"], e["action"]) for e in listed] == list(zip(revisions[1:], [
        "model.import", "element.put", "element.delete", "relation.delete", "model.import"], strict=True))
    for revision, model, answers in steps:
        past = client.get(f"/api/v1/model?revision={revision}")
        assert past.status_code == 200, past.text
        assert as_sets(past.json()) == as_sets(model), revision
        for path, answer in answers.items():
            assert client.get(f"{path}?revision={revision}").json() == answer, (revision, path)
    for i, (earlier, model, _) in enumerate(steps):
        for later, later_model, _ in steps[i:]:
            changes = client.get(f"/api/v1/model/diff?from={earlier}&to={later}")
            assert changes.status_code == 200, changes.text
            assert as_sets(apply_diff(model, changes.json())) == as_sets(later_model), (earlier, later)
    renamed = client.get(f"/api/v1/model/diff?from={revisions[1]}&to={revisions[2]}").json()["elements"]["changed"]
    assert [(c["id"], c["before"]["name"], c["after"]["name"]) for c in renamed] == [("S2", "S2", "S2 renamed")]


def test_a_revision_the_model_has_not_reached_or_history_let_go(client: TestClient, db: Database) -> None:
    client.post("/api/v1/model", json=small_model())
    now = _revision(client)
    client.put("/api/v1/elements/X", json={"type": "System", "name": "X again"})
    for path, field in ((f"/api/v1/model?revision={now + 5}", "revision"),
                        (f"/api/v1/elements/P/dependencies?revision={now + 5}", "revision"),
                        (f"/api/v1/model/diff?from={now + 1}&to={now}", "from")):
        response = client.get(path)
        assert response.status_code == 400 and response.json()["error"]["message"].startswith(field), path
    db.write(lambda tx: history.compact(tx, now + 1, history.Keep(revisions=1)))  # keep the last write only
    assert client.get(f"/api/v1/model?revision={now + 1}").status_code == 200
    for path in (f"/api/v1/model?revision={now - 1}", f"/api/v1/model/diff?from={now - 1}",
                 f"/api/v1/analysis/critical-elements?revision={now - 1}"):
        response = client.get(path)
        assert response.status_code == 410 and "SIGRAPH_HISTORY_KEEP" in response.json()["error"]["message"], path


def test_partners_see_no_history_and_the_document_says_so(client: TestClient, db: Database) -> None:
    client.post("/api/v1/model", json=small_model())
    now = _revision(client)
    partner = bearer(new_token(db, Role.READER, organization="O1"))
    reader = bearer(new_token(db, Role.READER))
    for path in ("/api/v1/revisions", f"/api/v1/model/diff?from={now}", f"/api/v1/model?revision={now}",
                 f"/api/v1/elements/S1/dependencies?revision={now}",
                 f"/viz/elements/S1?view=dependencies&revision={now}"):
        assert client.get(path, headers=partner).status_code == 403, path
        assert client.get(path, headers=reader).status_code == 200, path
    assert client.get("/api/v1/elements/S1/dependencies", headers=partner).status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"403", "410"} <= set(paths["/api/v1/model/diff"]["get"]["responses"])
    assert {"403", "410"} <= set(paths["/api/v1/elements/{element_id}/dependencies"]["get"]["responses"])
    assert "403" in paths["/api/v1/revisions"]["get"]["responses"]


# -- diff(R1, R2) applied to the model at R1 gives the model at R2, for any writes -----------------

_IDS = ["a", "b", "c", "d"]
_writes = st.lists(st.one_of(
    st.tuples(st.just("put"), st.sampled_from(_IDS), st.sampled_from(["System", "Service"]),
              st.integers(1, 4), st.sampled_from(["x", "y"])),
    st.tuples(st.just("delete"), st.sampled_from(_IDS)),
    st.tuples(st.just("relate"), st.sampled_from(_IDS), st.sampled_from(_IDS), st.sampled_from(["g", None])),
    st.tuples(st.just("unrelate"), st.sampled_from(_IDS), st.sampled_from(_IDS)),
    st.tuples(st.just("replace"), st.lists(st.sampled_from(_IDS), unique=True, max_size=3)),
), min_size=1, max_size=6)


def _write(db: Database, write: tuple[Any, ...]) -> None:
    by = WriteBy("test")
    stored = set(_types(db))
    kind = write[0]
    if kind == "put":
        _, i, element_type, level, name = write
        if i in stored:
            elements.delete_element(db=db, element_id=i, actor="test")  # a type may change
        import_model(db=db, document={"elements": [el(i, element_type, name=name, service_level=level)]}, by=by)
    elif kind == "delete" and write[1] in stored:
        elements.delete_element(db=db, element_id=write[1], actor="test")
    elif kind == "relate":
        types = _types(db)
        if types.get(write[1]) == "Service" and types.get(write[2]) == "System":
            props = {"redundancy_group": write[3]} if write[3] else {}
            import_model(db=db, document={"relations": [rel(write[1], "RUNS_ON", write[2], **props)]}, by=by)
    elif kind == "unrelate":
        with contextlib.suppress(NotFound):  # no such relationship: nothing written
            elements.delete_relation(db=db, source=write[1], rel_type=RelType.RUNS_ON, target=write[2], actor="t")
    elif kind == "replace":
        import_model(db=db, document={"elements": [el(i, "System") for i in write[1]]}, mode=ImportMode.REPLACE,
                     by=by)


def items_at_now(db: Database) -> list[tuple[str, dict[str, Any]]]:
    revision = db.read(lambda tx: history.bounds(tx)).revision
    return list(items_at(db=db, revision=revision))


def _types(db: Database) -> dict[str, str]:
    return {item["id"]: item["type"] for kind, item in items_at_now(db) if kind == "element"}


def _document(items: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    found = list(items)
    return {"elements": [i for k, i in found if k == "element"], "relations": [i for k, i in found if k == "relation"]}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=_writes)
def test_a_diff_applied_to_the_model_at_its_start_gives_the_model_at_its_end(db: Database,
                                                                             writes: list[tuple[Any, ...]]) -> None:
    import_model(db=db, document={"elements": []}, mode=ImportMode.REPLACE, by=WriteBy("test"))
    models: list[tuple[int, dict[str, Any]]] = []
    for write in [("replace", []), *writes]:
        _write(db, write)
        revision = db.read(lambda tx: history.bounds(tx)).revision
        if not models or models[-1][0] != revision:
            models.append((revision, _document(items_at_now(db))))
    for i, (earlier, model) in enumerate(models):
        assert as_sets(_document(list(items_at(db=db, revision=earlier)))) == as_sets(model)
        for later, later_model in models[i:]:
            changes = json.loads(diff(db=db, from_revision=earlier, to_revision=later).model_dump_json(by_alias=True))
            assert as_sets(apply_diff(copy.deepcopy(model), changes)) == as_sets(later_model), (earlier, later)


def test_a_replace_that_retypes_an_element_keeps_the_relations_it_took_away(db: Database) -> None:
    import_model(db=db, document={"elements": [el("a", "Service"), el("b", "System")],
                                  "relations": [rel("a", "RUNS_ON", "b")]}, mode=ImportMode.REPLACE, by=WriteBy("t"))
    before = db.read(lambda tx: history.bounds(tx)).revision
    model = _document(items_at(db=db, revision=before))
    assert [(r["from"], r["to"]) for r in model["relations"]] == [("a", "b")]
    import_model(db=db, document={"elements": [el("a", "System"), el("b", "System")]}, mode=ImportMode.REPLACE,
                 by=WriteBy("t"))  # a is a System now: its RUNS_ON went with its old type
    assert as_sets(_document(items_at(db=db, revision=before))) == as_sets(model)
    removed = diff(db=db, from_revision=before, to_revision=None).relations.removed
    assert [(r["from"], r["type"], r["to"]) for r in removed] == [("a", "RUNS_ON", "b")]


def test_a_write_without_history_ends_what_history_can_tell(client: TestClient,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    client.post("/api/v1/model", json=small_model())
    before = _revision(client)
    monkeypatch.setenv("SIGRAPH_HISTORY_KEEP", "0")  # read at each write
    client.put("/api/v1/elements/X", json={"type": "System", "name": "X unrecorded"})
    assert client.get(f"/api/v1/model?revision={before}").status_code == 410  # not a wrong model
    assert client.get(f"/api/v1/model?revision={before + 1}").status_code == 200
