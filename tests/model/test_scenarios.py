"""Scenarios: a change set on a base revision, checked as an import, answered on with `?scenario=`
exactly as the live model would answer once the change set is written, and never written by
being asked; partners see none of it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.access.roles import Role
from app.db.database import Database
from app.model import history
from tests.conftest import bearer, new_token
from tests.model.helpers import el, export, rel, small_model

QUESTIONS = ("/api/v1/elements/P/single-points-of-failure", "/api/v1/elements/P/weakest-link",
             "/api/v1/analysis/critical-elements", "/api/v1/elements/P/dependencies", "/api/v1/elements/Y/impact",
             "/api/v1/elements/P/supply-chain", "/api/v1/portfolio")

# S2 runs on Y alone: Y is a single point of failure of P. A second host in a redundancy group
# takes it away; removing O1 takes S1's provider away.
SECOND_HOST = {"elements": [el("Y2", "System", service_level=3, availability=0.999)],
               "relations": [rel("S2", "RUNS_ON", "Y", redundancy_group="hosts"),
                             rel("S2", "RUNS_ON", "Y2", redundancy_group="hosts")]}
NO_O1 = {"remove": {"elements": ["O1"], "relations": [{"from": "P", "type": "INCLUDES", "to": "S2"}]}}


def _answers(client: TestClient, query: str = "") -> dict[str, Any]:
    found = {}
    for path in QUESTIONS:
        response = client.get(path + query)
        assert response.status_code == 200, (path, query, response.text)
        found[path] = response.json()
    return found


def _write(client: TestClient, changes: dict[str, Any]) -> None:
    """The change set written to the live model, as an editor would write it by hand."""
    for element_id in changes.get("remove", {}).get("elements", []):
        assert client.delete(f"/api/v1/elements/{element_id}").status_code == 200
    for key in changes.get("remove", {}).get("relations", []):
        assert client.delete("/api/v1/relations", params=key).status_code in (200, 404)  # gone with an element
    document = {"elements": changes.get("elements", []), "relations": changes.get("relations", [])}
    assert client.post("/api/v1/model", json=document).status_code == 200


def test_a_scenario_answers_as_the_model_with_its_changes_written(client: TestClient) -> None:
    for name, changes in (("second-host", SECOND_HOST), ("no-o1", NO_O1)):
        client.post("/api/v1/model?mode=replace", json=small_model())
        created = client.post("/api/v1/scenarios", json={"name": name, "changes": changes})
        assert created.status_code == 201, created.text
        live = export(client)
        asked = _answers(client, f"?scenario={name}")
        assert export(client) == live  # asking wrote nothing
        _write(client, changes)
        assert _answers(client) == asked, name
        assert client.delete(f"/api/v1/scenarios/{name}").status_code == 204


def test_the_second_host_takes_the_single_point_of_failure_away(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "second-host", "changes": SECOND_HOST})
    spofs = {s["id"] for s in client.get("/api/v1/elements/P/single-points-of-failure").json()["spofs"]}
    after = {s["id"] for s in client.get("/api/v1/elements/P/single-points-of-failure?scenario=second-host")
             .json()["spofs"]}
    assert "Y" in spofs and "Y" not in after and "Y2" not in after
    client.delete("/api/v1/scenarios/second-host")


def test_a_change_set_is_checked_as_an_import_against_its_base(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    cases = {
        "unknown end": ({"relations": [rel("P", "INCLUDES", "ghost")]}, "relations[0].to"),
        "type change": ({"elements": [el("X", "Service")]}, "elements[0].type"),
        "remove unknown": ({"remove": {"elements": ["ghost"]}}, "remove.elements[0].id"),
        "relation to a removed element": ({"remove": {"elements": ["Y"]}, "relations": [rel("S1", "RUNS_ON", "Y")]},
                                          "relations[0].to"),
        "second master": ({"elements": [el("I", "InformationObject")],
                           "relations": [rel("I", "MASTERED_IN", "X"), rel("I", "MASTERED_IN", "Y")]},
                          "relations[1].type"),
    }
    for what, (changes, where) in cases.items():
        response = client.post("/api/v1/scenarios", json={"name": "bad", "changes": changes})
        assert response.status_code == 422 and response.json()["error"]["message"].startswith(where), (what,
                                                                                                   response.text)
    assert client.get("/api/v1/scenarios/bad").status_code == 404  # nothing stored


def test_a_scenario_is_made_read_replaced_and_deleted_and_says_when_it_is_behind(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    assert client.post("/api/v1/scenarios", json={"name": "s1", "changes": SECOND_HOST}).status_code == 201
    assert client.post("/api/v1/scenarios", json={"name": "s1"}).status_code == 409
    shown = client.get("/api/v1/scenarios/s1").json()
    assert shown["behind"] is False and shown["base"] == shown["live_revision"]
    assert shown["changes"]["elements"][0]["id"] == "Y2"
    client.put("/api/v1/elements/X", json={"type": "System", "name": "X moved"})
    assert client.get("/api/v1/scenarios/s1").json()["behind"] is True
    replaced = client.put("/api/v1/scenarios/s1", json={"changes": NO_O1})
    assert replaced.status_code == 200 and replaced.json()["behind"] is False
    assert [s["name"] for s in client.get("/api/v1/scenarios").json()] == ["s1"]
    assert client.put("/api/v1/scenarios/none", json={}).status_code == 404
    assert client.delete("/api/v1/scenarios/s1").status_code == 204
    assert client.delete("/api/v1/scenarios/s1").status_code == 404
    assert client.get("/api/v1/elements/P/dependencies?scenario=s1").status_code == 404
    assert client.get("/api/v1/elements/P/dependencies?scenario=s1&revision=1").status_code == 400


def test_partners_see_no_scenario_and_readers_change_none(client: TestClient, db: Database) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "s2", "changes": SECOND_HOST})
    partner = bearer(new_token(db, Role.READER, organization="O1"))
    reader = bearer(new_token(db, Role.READER))
    for path in ("/api/v1/scenarios", "/api/v1/scenarios/s2", "/api/v1/elements/S1/dependencies?scenario=s2",
                 "/viz/elements/S1?view=dependencies&scenario=s2"):
        assert client.get(path, headers=partner).status_code == 403, path
        assert client.get(path, headers=reader).status_code == 200, path
    assert client.put("/api/v1/scenarios/s2", json={}, headers=reader).status_code == 403
    assert client.delete("/api/v1/scenarios/s2", headers=reader).status_code == 403
    assert client.delete("/api/v1/scenarios/s2").status_code == 204


def test_a_base_is_a_revision_the_model_reached_and_history_holds(client: TestClient, db: Database) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.put("/api/v1/elements/X", json={"type": "System", "name": "X again"})
    revision = client.get("/api/v1/revisions?limit=1").json()["revision"]
    db.write(lambda tx: history.compact(tx, revision, history.Keep(revisions=1)))  # the last write's history only
    now = client.get("/api/v1/revisions?limit=1").json()
    assert now["oldest"] == revision - 1
    for base, status in ((True, 422), (1.5, 422), (now["revision"] + 1, 400), (now["oldest"] - 1, 410)):
        response = client.post("/api/v1/scenarios", json={"name": "b", "base": base})
        assert response.status_code == status, (base, response.text)
        assert response.json()["error"]["message"].startswith(("base", "body.base")), response.text
    assert client.post("/api/v1/scenarios", json={"name": "b", "base": now["revision"]}).status_code == 201


def test_answers_on_a_scenario_follow_its_changes(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "s3", "changes": SECOND_HOST})
    path = "/api/v1/elements/P/single-points-of-failure?scenario=s3"
    first = client.get(path).json()
    assert client.get(path).json() == first
    client.put("/api/v1/scenarios/s3", json={"changes": {}})  # the live revision does not move
    assert client.get(path).json() == client.get("/api/v1/elements/P/single-points-of-failure").json() != first


def test_compare_shows_what_the_scenario_fixes_and_breaks(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "s4", "changes": SECOND_HOST})
    response = client.get("/api/v1/scenarios/s4/compare?root=P&failed=Y")
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["base"] == client.get("/api/v1/scenarios/s4").json()["base"]
    assert "Y" in found["single_points_of_failure"]["removed"] and found["single_points_of_failure"]["added"] == []
    live = client.get("/api/v1/elements/P/weakest-link").json()
    after = client.get("/api/v1/elements/P/weakest-link?scenario=s4").json()
    assert found["weakest_link"]["before"]["composite"] == live["composite"]
    assert found["weakest_link"]["after"]["composite"] == after["composite"]
    impact_after = client.get("/api/v1/elements/Y/impact?scenario=s4").json()
    assert found["impact"]["customers_at_risk"]["after"] == [c["id"] for c in impact_after["customers_at_risk"]]
    assert client.get("/api/v1/scenarios/s4/compare?root=ghost").status_code == 404
    assert client.get("/api/v1/scenarios/none/compare?root=P").status_code == 404


def test_rebase_moves_the_base_or_names_the_conflicts(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "s5", "changes": SECOND_HOST})
    client.put("/api/v1/elements/X", json={"type": "System", "name": "X moved"})  # not in the change set
    rebased = client.post("/api/v1/scenarios/s5/rebase")
    assert rebased.status_code == 200 and rebased.json()["behind"] is False, rebased.text
    client.post("/api/v1/relations", json=rel("S2", "RUNS_ON", "Y", redundancy_group="other"))  # in it
    conflict = client.post("/api/v1/scenarios/s5/rebase")
    assert conflict.status_code == 409, conflict.text
    assert [d["id"] for d in conflict.json()["error"]["details"]] == [["S2", "RUNS_ON", "Y"]]
    assert client.get("/api/v1/scenarios/s5").json()["behind"] is True


def test_apply_writes_the_scenario_atomically_only_onto_its_base(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.post("/api/v1/scenarios", json={"name": "s6", "changes": NO_O1})
    client.post("/api/v1/scenarios", json={"name": "s7", "changes": SECOND_HOST})
    expected = _answers(client, "?scenario=s6")
    revision = client.get("/api/v1/revisions?limit=1").json()["revision"]
    applied = client.post("/api/v1/scenarios/s6/apply")
    assert applied.status_code == 200, applied.text
    assert _answers(client) == expected
    written = client.get(f"/api/v1/revisions?since={revision}").json()["revisions"]
    assert [(e["action"], e["target"]) for e in written] == [("scenario.apply", "s6")]
    before = export(client)
    refused = client.post("/api/v1/scenarios/s7/apply")  # its base is behind the live model now
    assert refused.status_code == 409 and "rebase" in refused.json()["error"]["message"]
    assert export(client) == before


# -- property: a scenario answers as the model with its change set written --------------------------

_new_elements = st.lists(st.builds(lambda i, level, up: el(i, "System", service_level=level, availability=up),
                                   st.sampled_from(["N1", "N2", "X"]), st.integers(1, 4),
                                   st.sampled_from([0.9, 0.99, 0.999])), max_size=2, unique_by=lambda e: e["id"])
_new_relations = st.lists(st.builds(lambda s, t, g: rel(s, "RUNS_ON", t, **({"redundancy_group": g} if g else {})),
                                    st.sampled_from(["S1", "S2"]), st.sampled_from(["X", "Y", "N1", "N2"]),
                                    st.sampled_from([None, "dc", "pair"])),
                          max_size=3, unique_by=lambda r: (r["from"], r["to"]))
_removals = st.fixed_dictionaries({
    "elements": st.lists(st.sampled_from(["X", "Y", "O1", "O3", "S2"]), unique=True, max_size=2),
    "relations": st.lists(st.sampled_from([{"from": "P", "type": "INCLUDES", "to": "S2"},
                                           {"from": "S1", "type": "RUNS_ON", "to": "X"},
                                           {"from": "O1", "type": "SUPPLIED_BY", "to": "O2"}]),
                          unique_by=lambda k: k["to"], max_size=2)})


def _asked(client: TestClient, query: str = "") -> dict[str, Any]:
    found = {}
    for path in QUESTIONS:
        response = client.get(path + query)
        found[path] = (response.status_code, response.json() if response.status_code == 200 else None)
    return found


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(elements=_new_elements, relations=_new_relations, remove=_removals)
def test_any_scenario_answers_as_its_change_set_written(client: TestClient, elements: list[dict[str, Any]],
                                                        relations: list[dict[str, Any]],
                                                        remove: dict[str, Any]) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    client.delete("/api/v1/scenarios/p")
    changes = {"elements": elements, "relations": relations, "remove": remove}
    created = client.post("/api/v1/scenarios", json={"name": "p", "changes": changes})
    assume(created.status_code == 201)  # a change set the base refuses has no answers to compare
    asked = _asked(client, "?scenario=p")
    _write(client, changes)
    assert _asked(client) == asked
