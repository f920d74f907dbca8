"""The two questions of issue 13, asked of the demo as the README asks them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH

PACKAGE = "/api/v1/elements/pkg-modern-workplace"
CLOUD_ON = [{"from": "sys-private-cloud", "type": "RUNS_ON", "to": dc, "redundancy_group": "dc", "min_up": 1}
            for dc in ("sys-dc-south", "sys-dc-north")]
SECOND_MAKER = {
    "elements": [{"id": "org-lapto2", "type": "Organization", "name": "Second laptop maker", "kind": "partner",
                  "roles": ["supplier"], "service_level": 3, "availability": 0.99}],
    "relations": [{"from": "prod-laptop", "type": "PROVIDED_BY", "to": maker, "redundancy_group": "laptop-makers"}
                  for maker in ("org-lapto", "org-lapto2")]}


def _spofs(client: TestClient, query: str = "") -> set[str]:
    return {s["id"] for s in client.get(f"{PACKAGE}/single-points-of-failure{query}").json()["spofs"]}


def _compare(client: TestClient, name: str, changes: dict[str, Any]) -> dict[str, Any]:
    assert client.post("/api/v1/scenarios", json={"name": name, "changes": changes}).status_code == 201
    response = client.get(f"/api/v1/scenarios/{name}/compare?root=pkg-modern-workplace&metric=availability")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_what_changed_since_the_review_and_the_spofs_then(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=read_document_file(DEMO_PATH))
    review = client.get("/api/v1/revisions?limit=1").json()["revision"]
    client.delete("/api/v1/relations", params={"from": "sys-private-cloud", "type": "RUNS_ON", "to": "sys-dc-south"})
    written = client.get(f"/api/v1/revisions?since={review}").json()["revisions"]
    assert [(e["action"], e["target"]) for e in written] == [
        ("relation.delete", "sys-private-cloud -RUNS_ON-> sys-dc-south")]
    changed = client.get(f"/api/v1/model/diff?from={review}").json()
    assert [(r["from"], r["to"]) for r in changed["relations"]["removed"]] == [("sys-private-cloud", "sys-dc-south")]
    assert _spofs(client) - _spofs(client, f"?revision={review}") == {"sys-dc-north"}


def test_which_spofs_a_scenario_takes_away_and_whether_hansa_is_kept(client: TestClient) -> None:
    client.post("/api/v1/model?mode=replace", json=read_document_file(DEMO_PATH))
    client.delete("/api/v1/relations", params={"from": "sys-private-cloud", "type": "RUNS_ON", "to": "sys-dc-south"})
    cloud = _compare(client, "cloud-on-both-dcs", {"relations": CLOUD_ON})
    assert cloud["single_points_of_failure"]["removed"] == ["sys-dc-north"]
    assert cloud["single_points_of_failure"]["added"] == []
    link = cloud["weakest_link"]
    assert link["after"]["composite"] > link["before"]["composite"]
    assert "sla-hansa" in link["after"]["not_achievable"]  # 99.5 % stays out of reach: Clickline's EDI
    maker = _compare(client, "second-laptop-maker", SECOND_MAKER)
    assert maker["single_points_of_failure"]["removed"] == []  # Lapto makes the workstations too
    assert "org-lapto" in maker["single_points_of_failure"]["after"]
    assert {g.split()[0] for g in maker["supply_chain_gaps"]["added"]} == {"org-lapto2"}
    assert "sla-hansa" in maker["weakest_link"]["after"]["not_achievable"]
    assert _spofs(client, "?scenario=cloud-on-both-dcs") == _spofs(client) - {"sys-dc-north"}


def test_replacing_the_laptop_partner_by_one_with_its_own_chain(client: TestClient) -> None:
    """The issue's first example: org-lapto out, a new partner in, with its own supplier."""
    client.post("/api/v1/model?mode=replace", json=read_document_file(DEMO_PATH))
    provided = ("prod-laptop", "prod-workstation", "prod-thin-client", "pr-lapto-fulfilment", "pr-lapto-rma",
                "sys-lapto-b2b")
    changes = {
        "remove": {"elements": ["org-lapto"]},
        "elements": [{"id": "org-newlap", "type": "Organization", "name": "New laptop partner", "kind": "partner",
                      "roles": ["supplier"], "service_level": 3},
                     {"id": "org-newlap-odm", "type": "Organization", "name": "Its assembler", "kind": "partner",
                      "roles": ["supplier"], "service_level": 2}],
        "relations": [*({"from": e, "type": "PROVIDED_BY", "to": "org-newlap"} for e in provided),
                      {"from": "org-newlap", "type": "SUPPLIED_BY", "to": "org-newlap-odm"}]}
    found = _compare(client, "new-laptop-partner", changes)
    spofs = found["single_points_of_failure"]
    assert "org-lapto" in spofs["removed"] and {"org-newlap", "org-newlap-odm"} <= set(spofs["added"])
    assert "org-shenfa-assembly" in spofs["removed"]  # Lapto's own assembler left the chain with it
    assert any(g.startswith("org-newlap ") for g in found["supply_chain_gaps"]["added"])
    assert "org-lapto" in {e["id"] for e in client.get("/api/v1/elements?type=Organization&limit=500")
                           .json()["items"]}  # the live model keeps it
