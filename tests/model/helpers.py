"""Small documents and snapshots for the model tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def el(element_id: str, element_type: str, **props: Any) -> dict[str, Any]:
    return {"id": element_id, "type": element_type, "name": props.pop("name", element_id), **props}


def rel(source: str, rel_type: str, target: str, **props: Any) -> dict[str, Any]:
    return {"from": source, "type": rel_type, "to": target, **props}


def small_model() -> dict[str, Any]:
    """The worked example of spec/analysis.md, plus an owner and a customer."""
    return {
        "elements": [
            el("P", "ServicePackage", service_level=3, availability=1.0),
            el("S1", "Service", service_level=3, availability=1.0, attributes={"team": "ops", "seats": 40}),
            el("S2", "Service", service_level=2, availability=0.995, tags=["core", "eu"]),
            el("X", "System", service_level=3, availability=0.99),
            el("Y", "System", service_level=3, availability=0.999),
            el("O1", "Organization", service_level=3, kind="partner", roles=["supplier"]),
            el("O2", "Organization", service_level=1, kind="partner"),
            el("O3", "Organization", service_level=2, kind="partner"),
            el("C", "Organization", kind="customer"),
            el("R", "Requirement", category="environment", description="ISO 14001 or equal"),
            el("A", "Agreement", kind="SLA", targets={"availability": 0.999, "satisfaction": 4}),
        ],
        "relations": [
            rel("P", "INCLUDES", "S1"), rel("P", "INCLUDES", "S2"),
            rel("S1", "RUNS_ON", "X", redundancy_group="dc", min_up=1),
            rel("S1", "RUNS_ON", "Y", redundancy_group="dc", min_up=1),
            rel("S2", "RUNS_ON", "Y"), rel("S1", "PROVIDED_BY", "O1"),
            rel("O1", "SUPPLIED_BY", "O2"), rel("O2", "SUPPLIED_BY", "O3"),
            rel("C", "CONSUMES", "P"), rel("P", "REQUIRES", "R"),
            rel("O2", "ATTESTS", "R", status="compliant", valid_until="2027-06-30", evidence="cert 123"),
            rel("A", "COVERS", "P"), rel("A", "PROVIDER", "O1"), rel("A", "CONSUMER", "C"),
        ],
    }


def export(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/v1/model")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def as_sets(document: dict[str, Any]) -> tuple[set[str], set[str]]:
    """A document as comparable sets (order does not matter)."""
    import json

    return ({json.dumps(e, sort_keys=True) for e in document["elements"]},
            {json.dumps(r, sort_keys=True) for r in document["relations"]})
