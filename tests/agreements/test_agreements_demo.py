"""Issue 15 on the demo, through the API: the Hansa response-time breach, the agreements that
cannot be kept, the information object without a master, and which data reaches a partner."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.db.database import Database
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.conftest import bearer, new_token


@pytest.fixture
def demo(client: TestClient) -> TestClient:
    assert client.post("/api/v1/model", json=read_document_file(DEMO_PATH)).status_code == 200
    return client


def _times(answer: dict[str, Any], target: str) -> dict[str, Any]:
    return next(t for t in answer["time_checks"] if t["target"] == target)


def test_hansas_half_hour_response_is_not_backed_by_fieldforces_four_hours(demo: TestClient) -> None:
    answer = demo.get("/api/v1/agreements/sla-hansa/backing").json()
    assert not answer["achievable"] and "uc-fieldforce" in answer["underneath"]
    response = _times(answer, "response_time_h")
    assert response["required"] == 0.5 and not response["achievable"]
    breach = next(b for b in response["breaches"] if b["underpinning"] == "uc-fieldforce")
    assert (breach["value"], breach["element"]) == (4, "svc-onsite-support")
    assert breach["path"][0] == "pkg-modern-workplace" and breach["path"][-1] == "svc-onsite-support"
    resolution = _times(answer, "resolution_time_h")
    assert {b["underpinning"] for b in resolution["breaches"]} == {"uc-lapto", "uc-clickline"}
    availability = next(c for c in answer["checks"] if c["target"] == "availability")
    assert availability["required"] == 0.995 and not availability["achievable"]


def test_the_agreements_that_cannot_be_kept(demo: TestClient) -> None:
    broken = demo.get("/api/v1/agreements?achievable=false").json()["agreements"]
    # by design, before anything is measured: the chain's availability, the partners' times, the
    # lowest experience score in the chain below the promised 4.0
    assert {a["id"]: a["failing"] for a in broken}["sla-hansa"] == ["availability", "resolution_time_h",
                                                                     "response_time_h", "satisfaction"]
    everything = demo.get("/api/v1/agreements").json()["agreements"]
    assert {a["id"] for a in everything} - {a["id"] for a in broken} == {
        a["id"] for a in demo.get("/api/v1/agreements?achievable=true").json()["agreements"]}
    assert demo.get("/api/v1/agreements/prod-laptop/backing").status_code == 404
    assert demo.get("/api/v1/agreements?achievable=maybe").status_code == 422


def test_information_without_a_master_and_what_reaches_a_partner(demo: TestClient) -> None:
    unmastered = demo.get("/api/v1/analysis/information?issue=no_master").json()["objects"]
    assert [(o["id"], o["issues"]) for o in unmastered] == [("io-shipment-status", ["no_master"])]
    flows = demo.get("/api/v1/organizations/org-lapto/information").json()["flows"]
    assert {(f["information"], f["to"], f["through"], f["master"]) for f in flows} == {
        ("io-orders", "sys-lapto-b2b", "int-erp-lapto", "sys-erp"),
        ("io-orders", "pr-lapto-fulfilment", None, "sys-erp"),
        ("io-device-config", "sys-lapto-b2b", "int-lapto-cmdb", "sys-cmdb")}
    assert all(f["mastered_by"] == ["org-nw-it-operations"] for f in flows)
    assert demo.get("/api/v1/organizations/prod-laptop/information").status_code == 404


def test_a_partner_sees_its_own_agreements_and_information(demo: TestClient, db: Database) -> None:
    lapto = bearer(new_token(db, Role.READER, organization="org-lapto"))
    listed = {a["id"] for a in demo.get("/api/v1/agreements", headers=lapto).json()["agreements"]}
    assert "uc-lapto" in listed and "uc-fieldforce" not in listed and "sla-hansa" not in listed
    assert demo.get("/api/v1/agreements/uc-fieldforce/backing", headers=lapto).status_code == 404
    assert demo.get("/api/v1/agreements/uc-lapto/backing", headers=lapto).status_code == 200
    flows = demo.get("/api/v1/organizations/org-lapto/information", headers=lapto).json()["flows"]
    assert {f["information"] for f in flows} <= {"io-orders", "io-device-config"}
    assert demo.get("/api/v1/organizations/org-fieldforce/information", headers=lapto).status_code == 404


def test_impact_counts_seats_and_revenue_at_risk(demo: TestClient) -> None:
    answer = demo.get("/api/v1/elements/org-fieldforce/impact?weights=seats,revenue").json()
    seats = {c["id"]: c for c in answer["customers_at_risk"]}
    demo_seats = {c["id"]: c.get("attributes", {}).get("seats", 0)
                  for c in read_document_file(DEMO_PATH)["elements"] if c["id"] in seats}
    assert answer["weights"]["seats"]["customers"] == sum(demo_seats.values()) == 7970
    assert answer["weights"]["revenue"]["agreements"] == 2419200 + 777600  # sla-hansa and sla-lindenberg
    assert "uc-lapto" in answer["weights"]["revenue"]["unweighted"]
    same = demo.post("/api/v1/impact", json={"failed": ["org-fieldforce"], "weights": ["seats"]}).json()
    assert same["weights"]["seats"] == answer["weights"]["seats"]
    assert demo.get("/api/v1/elements/org-fieldforce/impact").json()["weights"] == {}
    assert demo.get("/api/v1/elements/org-fieldforce/impact?weights=se%20ats").status_code == 400


def test_critical_elements_ranked_by_seats(demo: TestClient) -> None:
    ranked = demo.get("/api/v1/analysis/critical-elements?rank_by=seats").json()["elements"]
    weights = [e["weight_down"] for e in ranked]
    assert weights == sorted(weights, reverse=True) and weights[0] == 7970
    assert demo.get("/api/v1/analysis/critical-elements").json()["elements"][0]["weight_down"] is None
    customers = {e["id"] for e in demo.get("/api/v1/elements?type=Organization&limit=1000").json()["items"]
                 if e.get("kind") == "customer"}
    seats = _seats(demo)
    seated = demo.get("/api/v1/analysis/critical-elements?rank_by=seats").json()
    assert seated["unweighted"] == sorted(c for c in customers if c not in seats)
    bogus = demo.get("/api/v1/analysis/critical-elements?rank_by=bogus").json()  # never a silent zero
    assert {e["weight_down"] for e in bogus["elements"]} == {0} and set(bogus["unweighted"]) >= {
        c for c in customers if c in seats}
    for listed in ("seats,revenue", "seats,bogus"):
        refused = demo.get(f"/api/v1/analysis/critical-elements?rank_by={listed}")
        assert refused.status_code == 400 and refused.json()["error"]["details"][0]["field"] == "rank_by"
        assert demo.get(f"/viz/critical-elements?rank_by={listed}").status_code == 400


def _seats(demo: TestClient) -> set[str]:
    return {e["id"] for e in demo.get("/api/v1/model").json()["elements"] if "seats" in e.get("attributes", {})}


def test_every_sla_green_and_the_users_unhappy(demo: TestClient) -> None:
    status = demo.get("/api/v1/agreements/sla-hansa/status?period=2026-11").json()
    assert status["period"] == "2026-11" and status["met"] is False
    assert {m["metric"]: (m["measured"], m["status"]) for m in status["metrics"]} == {
        "availability": (0.9972, "met"), "response_time_h": (0.45, "met"), "resolution_time_h": (7.1, "met"),
        "satisfaction": (3.1, "missed")}
    assert demo.get("/api/v1/agreements/sla-hansa/status").json()["period"] == "2026-11"  # the last one
    unmeasured = demo.get("/api/v1/agreements/uc-lapto/status").json()
    assert unmeasured["period"] is None and unmeasured["met"] is None
    assert {m["status"] for m in unmeasured["metrics"]} == {"unmeasured"}
    melons = demo.get("/api/v1/agreements/watermelons").json()["watermelons"]
    assert [(w["package"], w["period"], w["met"], w["missed_by"]) for w in melons] == [
        ("pkg-modern-workplace", "2026-10", ["sla-hansa"], ["sla-hansa"]),
        ("pkg-modern-workplace", "2026-11", ["sla-hansa"], ["sla-hansa"])]
    live = {o["id"]: o["last_period"] for o in demo.get("/api/v1/portfolio").json()["live"]}
    assert live["pkg-modern-workplace"] == {"period": "2026-11", "met": [], "missed": ["sla-hansa"]}
    assert live["svc-service-desk"] == {"period": "2026-11", "met": ["sla-lindenberg"], "missed": []}
    assert demo.get("/api/v1/agreements/sla-hansa/status?period=November").status_code == 422
    for no_period in ("2026-02-30/2026-03-01", "2026-11-01/2026-11-31", "2026-11-30/2026-11-01", "0000-01"):
        for route in ("/api/v1/agreements/sla-hansa/status", "/api/v1/agreements/watermelons"):
            refused = demo.get(f"{route}?period={no_period}")
            assert refused.status_code == 422, (route, no_period)
            assert refused.json()["error"]["details"] == [{"field": "period", "reason": refused.json()["error"][
                "details"][0]["reason"]}]


def test_recording_a_measurement(demo: TestClient, db: Database) -> None:
    december = {"element": "sla-hansa", "metric": "satisfaction", "period": "2026-12", "value": 4.2}
    recorded = demo.post("/api/v1/measurements", json=december)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["replaced"] is None and recorded.json()["measurements"] == 9
    again = demo.post("/api/v1/measurements", json={**december, "value": 4.3}).json()
    assert again["replaced"] == 4.2 and again["measurements"] == 9
    status = demo.get("/api/v1/agreements/sla-hansa/status").json()
    assert status["period"] == "2026-12"
    assert next(m for m in status["metrics"] if m["metric"] == "satisfaction")["measured"] == 4.3
    exported = next(e for e in demo.get("/api/v1/model").json()["elements"] if e["id"] == "sla-hansa")
    assert {"metric": "satisfaction", "period": "2026-12", "value": 4.3} in exported["measurements"]
    last = demo.get("/api/v1/revisions?since=0&limit=1").json()["revision"]
    assert demo.get(f"/api/v1/revisions?since={last - 1}").json()["revisions"][0]["action"] == "measurement.record"
    reader = bearer(new_token(db, Role.READER))
    lapto = bearer(new_token(db, Role.READER, organization="org-lapto"))
    assert demo.post("/api/v1/measurements", json=december, headers=reader).status_code == 403
    assert demo.post("/api/v1/measurements", json=december, headers=lapto).status_code == 403


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"element": "no-such", "metric": "availability", "period": "2026-11", "value": 0.99}, 404, "no-such"),
    ({"element": "sla-hansa", "metric": "joy", "period": "2026-11", "value": 3}, 422, "metric"),
    ({"element": "sla-hansa", "metric": "availability", "period": "Nov 2026", "value": 0.9}, 422, "period"),
    ({"element": "sla-hansa", "metric": "availability", "period": "2026-11", "value": 99.5}, 422, "value"),
    ({"element": "sla-hansa", "metric": "satisfaction", "period": "2026-11-30/2026-11-01", "value": 3}, 422,
     "period"),
    ({"element": "sla-hansa", "metric": "availability", "period": "2026-11"}, 422, "value"),
    ({"element": "sla-hansa", "metric": "availability", "period": "0000-01", "value": 0.9}, 422, "period"),
    ({"element": "sla-hansa", "metric": "availability", "period": "2026-02-30/2026-03-01", "value": 0.9}, 422,
     "period"),
    ({"element": "sla-hansa", "metric": "availability", "period": "2026-11", "value": "high"}, 422, "value"),
])
def test_a_refused_measurement_says_why_and_writes_nothing(demo: TestClient, body: dict[str, Any], status: int,
                                                           field: str) -> None:
    before = demo.get("/api/v1/revisions?since=0&limit=1").json()["revision"]
    response = demo.post("/api/v1/measurements", json=body)
    assert response.status_code == status and field in response.text, response.text
    if status == 422:  # the field as the client wrote it, not the validator's name for a part of it
        assert {d["field"] for d in response.json()["error"]["details"]} == {field}, response.text
    assert demo.get("/api/v1/revisions?since=0&limit=1").json()["revision"] == before


def test_a_body_that_is_no_json_names_the_body(demo: TestClient) -> None:
    response = demo.post("/api/v1/measurements", content=b'{"element": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body"
    assert "not valid JSON" in response.json()["error"]["details"][0]["reason"]


def test_measurements_and_carries_round_trip_with_the_model(demo: TestClient) -> None:
    exported = demo.get("/api/v1/model").json()
    assert any(r["type"] == "CARRIES" for r in exported["relations"])
    again = demo.post("/api/v1/model?mode=replace", json=exported).json()
    assert again["elements"]["updated"] == again["relations"]["updated"] == 0
    assert again["elements"]["deleted"] == again["relations"]["deleted"] == 0
    assert demo.get("/api/v1/model").json() == exported


def test_the_examples_in_the_api_docs_work_on_the_demo(demo: TestClient) -> None:
    schemas = demo.get("/openapi.json").json()["components"]["schemas"]
    for example in schemas["ImpactRequest"]["examples"]:
        assert demo.post("/api/v1/impact", json=example).status_code == 200, example
    for example in schemas["ScenarioRequest"]["examples"]:
        assert demo.post("/api/v1/scenarios", json=example).status_code == 201, example
    for example in schemas["RemediationRequest"]["properties"]["due"]["examples"]:
        body = {"owner": "Procurement", "due": example}
        assert demo.put("/api/v1/compliance/remediations/org-voltaris-cells/req-human-rights",
                        json=body).status_code == 200
