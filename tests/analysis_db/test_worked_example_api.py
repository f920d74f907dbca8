"""The worked example of spec/analysis.md through the HTTP API on the real database:
each stated answer in its own test."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.analysis.worked_example import worked_example
from tests.analysis_db.documents import graph_document


@pytest.fixture
def api(client: TestClient) -> TestClient:
    response = client.post("/api/v1/model", json=graph_document(worked_example()))
    assert response.status_code == 200
    return client


def _states(body: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["state"] for a in body["affected"]}


def test_dependencies_of_p_with_depths(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/dependencies").json()
    assert {n["id"]: n["depth"] for n in body["nodes"]} == {
        "S1": 1, "S2": 1, "X": 2, "Y": 2, "O1": 2, "O2": 3, "O3": 4}
    paths = {n["id"]: n["path"] for n in body["nodes"]}
    assert paths["O3"] == ["P", "S1", "O1", "O2", "O3"]
    assert body["truncated"] is False and body["root"] == "P"


def test_dependencies_bounded_by_max_depth_say_truncated(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/dependencies", params={"max_depth": 2}).json()
    assert {n["id"] for n in body["nodes"]} == {"S1", "S2", "X", "Y", "O1"} and body["truncated"] is True


def test_dependencies_filtered_by_pillar(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/dependencies", params={"pillar": "ecosystem"}).json()
    assert {n["id"] for n in body["nodes"]} == {"O1", "O2", "O3"}


def test_impact_of_x_degrades_s1_and_p(api: TestClient) -> None:
    body = api.post("/api/v1/impact", json={"failed": ["X"]}).json()
    assert body["failed"] == ["X"]
    assert _states(body) == {"S1": "degraded", "P": "degraded"}
    s1 = next(a for a in body["affected"] if a["id"] == "S1")
    assert s1["reason"] == "redundancy group dc: 1 of 2 up, needs 1" and s1["path"] == ["S1", "X"]


def test_impact_of_y_takes_s2_and_p_down(api: TestClient) -> None:
    body = api.post("/api/v1/impact", json={"failed": ["Y"]}).json()
    assert _states(body) == {"S2": "down", "S1": "degraded", "P": "down"}
    p = next(a for a in body["affected"] if a["id"] == "P")
    assert p["path"] == ["P", "S2", "Y"] and p["reason"] == "required dependency S2 is down"


def test_impact_answers_depth_and_filters_by_pillar_and_type(api: TestClient) -> None:
    body = api.post("/api/v1/impact", json={"failed": ["O3"]}).json()
    assert {a["id"]: a["depth"] for a in body["affected"]} == {"O2": 1, "O1": 2, "S1": 3, "P": 4}
    only_orgs = api.post("/api/v1/impact", json={"failed": ["O3"], "pillar": "ecosystem"}).json()
    assert {a["id"] for a in only_orgs["affected"]} == {"O2", "O1"}
    only_services = api.get("/api/v1/elements/O3/impact", params={"type": "Service"}).json()
    assert {a["id"] for a in only_services["affected"]} == {"S1"}


def test_impact_of_o2_takes_o1_s1_and_p_down(api: TestClient) -> None:
    body = api.get("/api/v1/elements/O2/impact").json()
    assert _states(body) == {"O1": "down", "S1": "down", "P": "down"}


def test_single_points_of_failure_of_p(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/single-points-of-failure").json()
    assert {s["id"] for s in body["spofs"]} == {"S1", "S2", "Y", "O1", "O2", "O3"}


def test_weakest_service_level_of_p_is_o2_with_flags(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/weakest-link", params={"metric": "service_level"}).json()
    assert [(w["id"], w["value"], w["path"]) for w in body["weakest"]] == [("O2", 1, ["P", "S1", "O1", "O2"])]
    assert {f["id"] for f in body["flags"]} == {"S2", "O2", "O3"}


def test_composite_availability_of_p(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/weakest-link", params={"metric": "availability"}).json()
    assert body["composite"] == pytest.approx(0.99399506, abs=1e-9)
    s2 = api.get("/api/v1/elements/S2/weakest-link", params={"metric": "availability"}).json()
    assert s2["composite"] == pytest.approx(0.994005, abs=1e-12)
    s1 = api.get("/api/v1/elements/S1/weakest-link", params={"metric": "availability"}).json()
    assert s1["composite"] == pytest.approx(0.99999, abs=1e-12)


def test_supply_chain_of_p_by_tier(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/supply-chain").json()
    tiers = {o["id"]: (t["tier"], o["path"]) for t in body["tiers"] for o in t["organizations"]}
    assert tiers == {"O1": (1, ["P", "S1", "O1"]), "O2": (2, ["P", "S1", "O1", "O2"]),
                     "O3": (3, ["P", "S1", "O1", "O2", "O3"])}


def test_supply_chain_max_tier_truncates(api: TestClient) -> None:
    body = api.get("/api/v1/elements/P/supply-chain", params={"max_tier": 1}).json()
    assert [o["id"] for t in body["tiers"] for o in t["organizations"]] == ["O1"] and body["truncated"]


def test_organization_supply_chain_from_o1(api: TestClient) -> None:
    body = api.get("/api/v1/organizations/O1/supply-chain").json()
    assert {o["id"]: t["tier"] for t in body["tiers"] for o in t["organizations"]} == {"O2": 1, "O3": 2}
    not_org = api.get("/api/v1/organizations/P/supply-chain")
    assert not_org.status_code == 404


def test_critical_elements_rank_what_takes_p_down(api: TestClient) -> None:
    body = api.get("/api/v1/analysis/critical-elements").json()
    assert {e["id"]: e["packages_down"] for e in body["elements"]} == {
        i: 1 for i in ("S1", "S2", "Y", "O1", "O2", "O3")}


def test_unknown_ids_are_404_and_bad_bounds_400(api: TestClient) -> None:
    assert api.get("/api/v1/elements/nope/dependencies").status_code == 404
    assert api.post("/api/v1/impact", json={"failed": ["nope"]}).status_code == 404
    too_deep = api.get("/api/v1/elements/P/dependencies", params={"max_depth": 10_000})
    assert too_deep.status_code == 400 and too_deep.json()["error"]["details"][0]["field"] == "max_depth"
    bad_metric = api.get("/api/v1/elements/P/weakest-link", params={"metric": "speed"})
    assert bad_metric.status_code == 422 and bad_metric.json()["error"]["details"][0]["field"] == "metric"
    empty = api.post("/api/v1/impact", json={"failed": []})
    assert empty.status_code == 422 and empty.json()["error"]["details"][0]["field"] == "failed"


def test_a_retired_element_cannot_fail(api: TestClient) -> None:
    api.put("/api/v1/elements/X", json={"type": "System", "name": "X", "lifecycle": "retired"})
    response = api.post("/api/v1/impact", json={"failed": ["X"]})
    assert response.status_code == 400 and "retired" in response.json()["error"]["message"]


def test_a_tier_out_of_bounds_is_400_naming_max_tier(api: TestClient) -> None:
    response = api.get("/api/v1/elements/P/supply-chain", params={"max_tier": 0})
    assert response.status_code == 400 and response.json()["error"]["details"][0]["field"] == "max_tier"
