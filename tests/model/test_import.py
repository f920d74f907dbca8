"""Import: upsert by id, idempotent, merge and replace, JSON and YAML, atomic."""

from __future__ import annotations

import yaml
from fastapi.testclient import TestClient

from tests.model.helpers import el, export, rel, small_model


def test_import_creates_then_reports_everything_unchanged(client: TestClient) -> None:
    first = client.post("/api/v1/model", json=small_model())
    assert first.status_code == 200
    assert first.json()["elements"] == {"created": 11, "updated": 0, "unchanged": 0, "deleted": 0}
    assert first.json()["relations"]["created"] == 14
    second = client.post("/api/v1/model", json=small_model()).json()
    assert second["elements"] == {"created": 0, "updated": 0, "unchanged": 11, "deleted": 0}
    assert second["relations"] == {"created": 0, "updated": 0, "unchanged": 14, "deleted": 0}


def test_reimport_updates_changed_properties_of_elements_and_relations(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    doc = {"elements": [el("X", "System", availability=0.95)],
           "relations": [rel("O2", "ATTESTS", "R", status="non_compliant")]}
    report = client.post("/api/v1/model", json=doc).json()
    assert report["elements"]["updated"] == 1 and report["relations"]["updated"] == 1
    x = client.get("/api/v1/elements/X").json()
    assert x["availability"] == 0.95 and "service_level" not in x  # the document's properties, exactly
    attests = [r for r in client.get("/api/v1/elements/R").json()["relations"] if r["type"] == "ATTESTS"]
    assert attests == [{"from": "O2", "type": "ATTESTS", "to": "R", "status": "non_compliant"}]


def test_merge_keeps_what_the_document_does_not_name(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    client.post("/api/v1/model", json={"elements": [el("Z", "System")], "relations": [rel("S2", "RUNS_ON", "Z")]})
    ids = {e["id"] for e in export(client)["elements"]}
    assert {"P", "Z"} <= ids


def test_replace_makes_the_model_exactly_the_document(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    doc = {"elements": [el("P", "ServicePackage", service_level=3, availability=1.0), el("S9", "Service")],
           "relations": [rel("P", "INCLUDES", "S9")]}
    report = client.post("/api/v1/model?mode=replace", json=doc).json()
    assert report["elements"] == {"created": 1, "updated": 0, "unchanged": 1, "deleted": 10}
    assert report["relations"]["deleted"] == 14 and report["relations"]["created"] == 1
    assert {e["id"] for e in export(client)["elements"]} == {"P", "S9"}


def test_yaml_document_is_accepted(client: TestClient) -> None:
    body = yaml.safe_dump(small_model())
    response = client.post("/api/v1/model", content=body, headers={"Content-Type": "application/yaml"})
    assert response.status_code == 200 and response.json()["elements"]["created"] == 11


def test_malformed_json_and_yaml_are_400_saying_so(client: TestClient) -> None:
    bad_json = client.post("/api/v1/model", content=b"{nope", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["error"]["message"]
    bad_yaml = client.post("/api/v1/model", content=b"a: [1,", headers={"Content-Type": "application/yaml"})
    assert bad_yaml.status_code == 400 and "not valid YAML" in bad_yaml.json()["error"]["message"]
    digits = "9" * 5000  # past the 4,300 digits Python turns into an integer: a 400, never a 500
    as_json = '{"elements": [{"id": "N", "type": "System", "name": "n", "service_level": ' + digits + "}]}"
    as_yaml = "elements:\n- {id: N, type: System, name: n, service_level: " + digits + "}\n"
    for media, body in (("application/json", as_json), ("application/yaml", as_yaml)):
        long = client.post("/api/v1/model", content=body.encode(), headers={"Content-Type": media})
        assert long.status_code == 400 and long.json()["error"]["details"][0]["field"] == "body", long.text
        assert "too long" in long.json()["error"]["message"]


def test_relation_may_point_at_an_element_already_in_the_database(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    response = client.post("/api/v1/model", json={"relations": [rel("S2", "PROVIDED_BY", "O3")]})
    assert response.status_code == 200 and response.json()["relations"]["created"] == 1


def test_type_of_an_existing_element_cannot_change_in_merge_mode(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    response = client.post("/api/v1/model", json={"elements": [el("X", "Service")]})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "type"
