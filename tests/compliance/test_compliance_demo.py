"""Issue 14 on the demo, through the API: a supplier's chain follows supply, not its buyers;
requirements flow down; gaps carry what people act on; remediations are kept, closed by a new
attestation, exported and imported with the model."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.db.database import Database
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.conftest import bearer, new_token

LAPTO = "/api/v1/organizations/org-lapto/supply-chain"
GAPS = "/api/v1/compliance/gaps"
REMEDIATION = "/api/v1/compliance/remediations"
FIXING = {"owner": "Procurement, J. Weber", "due": "2027-03-31", "status": "in_progress",
          "note": "Audit of the cobalt refiners booked for February"}


@pytest.fixture
def demo(client: TestClient) -> TestClient:
    assert client.post("/api/v1/model", json=read_document_file(DEMO_PATH)).status_code == 200
    return client


def _gaps(answer: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(g["organization"], g["requirement"]): g for g in answer["gaps"]}


def _revision(client: TestClient) -> int:
    return int(client.get("/api/v1/revisions?since=0&limit=1").json()["revision"])


def test_lapto_chain_follows_supply_not_its_buyer(demo: TestClient) -> None:
    answer = demo.get(f"{LAPTO}?as_of=2026-12-03").json()
    tiers = {o["id"]: o["tier"] for t in answer["tiers"] for o in t["organizations"]}
    assert tiers == {"org-shenfa-assembly": 1, "org-voltaris-cells": 2}  # FieldForce, Helix: Northwind's partners
    assert answer["buyers"] == ["org-northwind"]
    required = {r["id"]: r["required_by"] for r in answer["requirements"]}
    assert required["req-human-rights"] == ["org-northwind", "pkg-modern-workplace"]
    assert required["req-security"] == ["pkg-modern-workplace"]
    voltaris = _gaps(answer)["org-voltaris-cells", "req-human-rights"]
    assert voltaris == {
        "organization": "org-voltaris-cells", "organization_name": "Voltaris Battery Cells",
        "requirement": "req-human-rights", "requirement_name": voltaris["requirement_name"],
        "category": "human_rights", "status": "non_compliant", "valid_until": "2027-03-31",
        "evidence": "Third-party audit 2025: no due diligence on artisanal cobalt", "tier": 2,
        "path": ["org-lapto", "org-shenfa-assembly", "org-voltaris-cells"],
        "required_by": ["org-northwind", "pkg-modern-workplace"], "remediation": None}


def test_gap_filters_and_the_expiry_horizon(demo: TestClient) -> None:
    everything = _gaps(demo.get(f"{LAPTO}?as_of=2026-12-03").json())
    only = demo.get(f"{LAPTO}?as_of=2026-12-03&status=non_compliant&status=unknown").json()
    assert set(_gaps(only)) == {k for k, g in everything.items() if g["status"] in ("non_compliant", "unknown")}
    assert len(only["tiers"]) == 2  # the filters keep gaps, not organisations
    human = demo.get(f"{LAPTO}?as_of=2026-12-03&category=human_rights&tier=2").json()
    assert set(_gaps(human)) == {("org-voltaris-cells", "req-human-rights")}
    shenfa = demo.get(f"{LAPTO}?as_of=2026-12-03&organization=org-shenfa-assembly").json()
    assert {o for o, _ in _gaps(shenfa)} == {"org-shenfa-assembly"}
    # Shenfa's human-rights and ethics audits run to 2027-06-30: valid on 2027-04-15, lapsing within 90 days
    soon = _gaps(demo.get(f"{LAPTO}?as_of=2027-04-15&expiring_within=90d").json())
    assert soon["org-shenfa-assembly", "req-human-rights"]["status"] == "expiring"
    assert soon["org-shenfa-assembly", "req-human-rights"]["valid_until"] == "2027-06-30"
    assert ("org-shenfa-assembly", "req-human-rights") not in _gaps(
        demo.get(f"{LAPTO}?as_of=2027-04-15&expiring_within=10w").json())  # 70 days: not yet
    for bad, status in (("status=fixed", 422), ("category=joy", 422), ("tier=0", 422), ("expiring_within=90m", 422),
                        ("expiring_within=0d", 400), ("expiring_within=99999d", 400), ("organization=org-nope", 404)):
        response = demo.get(f"{LAPTO}?{bad}")
        assert response.status_code == status, bad
        assert bad.split("=")[0] in response.text, bad
    unknown = demo.get("/api/v1/compliance/gaps?organization=org-nope")  # never an empty answer for an unknown id
    assert unknown.status_code == 404 and unknown.json()["error"]["details"][0]["field"] == "organization"


def test_gaps_across_the_portfolio_once_per_organisation_and_requirement(demo: TestClient) -> None:
    answer = demo.get(f"{GAPS}?as_of=2026-12-03").json()
    keys = [(g["organization"], g["requirement"]) for g in answer["gaps"]]
    assert len(keys) == len(set(keys)) and answer["offerings"] == 2  # the live package and a service sold alone
    assert sum(answer["counts"].values()) == len(keys)
    voltaris = _gaps(answer)["org-voltaris-cells", "req-human-rights"]
    assert voltaris["offerings"] == ["pkg-modern-workplace"]  # pkg-workplace-experience is in the pipeline
    for offering in voltaris["offerings"]:  # each offering's own chain holds the gap
        chain = demo.get(f"/api/v1/elements/{offering}/supply-chain?as_of=2026-12-03").json()
        assert ("org-voltaris-cells", "req-human-rights") in _gaps(chain)
    lapsing = demo.get(f"{GAPS}?as_of=2027-04-15&expiring_within=90d&status=expiring").json()
    assert lapsing["gaps"] and {g["status"] for g in lapsing["gaps"]} == {"expiring"}
    assert all("2027-04-15" <= g["valid_until"] < "2027-07-14" for g in lapsing["gaps"])
    cut = demo.get(f"{GAPS}?as_of=2026-12-03&limit=2").json()
    assert len(cut["gaps"]) == 2 and cut["truncated"] and cut["counts"] == answer["counts"]


def test_a_remediation_is_kept_listed_and_flagged_overdue(demo: TestClient) -> None:
    put = demo.put(f"{REMEDIATION}/org-voltaris-cells/req-human-rights", json=FIXING)
    assert put.status_code == 200, put.text
    assert put.json() == {**FIXING, "organization": "org-voltaris-cells", "requirement": "req-human-rights",
                          "overdue": put.json()["overdue"]}
    early = _gaps(demo.get(f"{GAPS}?as_of=2027-01-10").json())["org-voltaris-cells", "req-human-rights"]
    assert early["remediation"] == {**FIXING, "overdue": False, "closed_on": None, "closed_by": None}
    late = _gaps(demo.get(f"{LAPTO}?as_of=2027-04-01").json())["org-voltaris-cells", "req-human-rights"]
    assert late["remediation"]["overdue"] is True
    accepted = demo.put(f"{REMEDIATION}/org-voltaris-cells/req-human-rights",
                        json={**FIXING, "status": "accepted_risk"})
    assert accepted.status_code == 200
    late = _gaps(demo.get(f"{LAPTO}?as_of=2027-04-01").json())["org-voltaris-cells", "req-human-rights"]
    assert late["remediation"]["status"] == "accepted_risk" and late["remediation"]["overdue"] is False
    last = demo.get(f"/api/v1/revisions?since={_revision(demo) - 1}").json()["revisions"]
    assert [(r["action"], r["target"]) for r in last] == [("compliance.remediation",
                                                           "org-voltaris-cells/req-human-rights")]


def test_a_new_attestation_closes_the_remediation(demo: TestClient) -> None:
    pair = f"{REMEDIATION}/org-anatolia-weave/req-human-rights"  # SA8000 expired in 2025
    assert demo.put(pair, json={"owner": "Tragwerk sourcing", "due": "2027-02-28"}).status_code == 200
    before = _revision(demo)
    renewed = {"from": "org-anatolia-weave", "type": "ATTESTS", "to": "req-human-rights", "status": "compliant",
               "valid_until": "2029-06-30", "evidence": "SA8000 certificate 2026"}
    assert demo.post("/api/v1/relations", json=renewed).status_code in (200, 201)
    stored = demo.get("/api/v1/elements/org-anatolia-weave").json()["relations"]
    remediation = next(r for r in stored if r["type"] == "REMEDIATES")
    assert remediation["status"] == "done" and remediation["closed_by"] == "attestation"
    assert remediation["closed_on"] and remediation["owner"] == "Tragwerk sourcing"
    diff = demo.get(f"/api/v1/model/diff?from={before}").json()
    changed = {(c["from"], c["type"], c["to"]) for c in diff["relations"]["changed"]}
    assert ("org-anatolia-weave", "REMEDIATES", "req-human-rights") in changed
    assert ("org-anatolia-weave", "req-human-rights") not in _gaps(demo.get(GAPS).json())


def test_remediations_go_out_and_come_back_with_the_model(demo: TestClient) -> None:
    assert demo.put(f"{REMEDIATION}/org-voltaris-cells/req-human-rights", json=FIXING).status_code == 200
    exported = demo.get("/api/v1/model").json()
    kept = [r for r in exported["relations"] if r["type"] == "REMEDIATES"]
    assert kept == [{"from": "org-voltaris-cells", "type": "REMEDIATES", "to": "req-human-rights", **FIXING}]
    again = demo.post("/api/v1/model?mode=replace", json=exported).json()
    assert again["relations"]["created"] == again["relations"]["updated"] == again["relations"]["deleted"] == 0
    assert [r for r in demo.get("/api/v1/model").json()["relations"] if r["type"] == "REMEDIATES"] == kept


@pytest.mark.parametrize(("pair", "body", "status", "field"), [
    ("org-nobody/req-human-rights", FIXING, 404, "org-nobody"),
    ("org-voltaris-cells/req-nothing", FIXING, 404, "req-nothing"),
    ("pkg-modern-workplace/req-human-rights", FIXING, 404, "pkg-modern-workplace"),
    ("org-lapto/req-zero-touch", FIXING, 409, "functional"),
    ("org-tragwerk/req-ethics", FIXING, 409, "no expiry"),
    ("org-cust-hansa/req-security", FIXING, 409, "no chain holds req-security in force"),  # a customer: no gap
    ("org-voltaris-cells/req-human-rights", {**FIXING, "due": "next spring"}, 422, "due"),
    ("org-voltaris-cells/req-human-rights", {**FIXING, "due": 20270331}, 422, "due"),
    ("org-voltaris-cells/req-human-rights", {**FIXING, "status": "fixed"}, 422, "status"),
    ("org-voltaris-cells/req-human-rights", {**FIXING, "owner": ""}, 422, "owner"),
    ("org-voltaris-cells/req-human-rights", {**FIXING, "cost": 3}, 422, "cost"),
])
def test_a_refused_remediation_says_why_and_writes_nothing(demo: TestClient, pair: str, body: dict[str, Any],
                                                           status: int, field: str) -> None:
    before = _revision(demo)
    response = demo.put(f"{REMEDIATION}/{pair}", json=body)
    assert response.status_code == status and field in response.text, response.text
    assert _revision(demo) == before


def test_who_may_set_and_read_remediations(demo: TestClient, db: Database) -> None:
    reader = bearer(new_token(db, Role.READER))
    editor = bearer(new_token(db, Role.EDITOR))
    lapto = bearer(new_token(db, Role.READER, organization="org-lapto"))
    pair = f"{REMEDIATION}/org-voltaris-cells/req-human-rights"
    assert demo.put(pair, json=FIXING, headers=reader).status_code == 403
    assert demo.put(pair, json=FIXING, headers=lapto).status_code == 403
    assert demo.put(pair, json=FIXING, headers=editor).status_code == 200
    # a partner sees the gaps its buyer will see in its own chain, with who requires them
    own = _gaps(demo.get(f"{LAPTO}?as_of=2026-12-03", headers=lapto).json())
    assert own["org-voltaris-cells", "req-human-rights"]["required_by"] == ["org-northwind", "pkg-modern-workplace"]
    assert own["org-voltaris-cells", "req-human-rights"]["remediation"]["owner"] == FIXING["owner"]
    # and, across the portfolio, only the gaps of its scope
    seen = demo.get(f"{GAPS}?as_of=2026-12-03", headers=lapto).json()
    assert {o for o, _ in _gaps(seen)} == {"org-lapto", "org-shenfa-assembly", "org-voltaris-cells"}
    assert sum(seen["counts"].values()) == len(seen["gaps"])
    assert all(set(g["offerings"]) <= {"pkg-modern-workplace", "pkg-workplace-experience", "pkg-classic-desktop"}
               for g in seen["gaps"])
