"""Export gives the document that, imported into an empty database, makes the same graph."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.db.database import Database
from tests.model.helpers import as_sets, el, export, small_model


def test_export_round_trips_through_an_empty_database(client: TestClient, db: Database) -> None:
    client.post("/api/v1/model", json=small_model())
    exported = export(client)
    db.write_rows("model/delete_all_elements")
    assert export(client) == {"elements": [], "relations": []}
    client.post("/api/v1/model", json=exported)
    assert as_sets(export(client)) == as_sets(exported)


def test_export_gives_maps_and_dates_back_unchanged(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    by_id = {e["id"]: e for e in export(client)["elements"]}
    assert by_id["S1"]["attributes"] == {"team": "ops", "seats": 40}
    assert by_id["A"]["targets"] == {"availability": 0.999, "satisfaction": 4}
    assert by_id["S2"]["tags"] == ["core", "eu"]
    attests = [r for r in export(client)["relations"] if r["type"] == "ATTESTS"]
    assert attests[0]["valid_until"] == "2027-06-30" and attests[0]["evidence"] == "cert 123"


def test_export_streams_more_than_one_page(client: TestClient) -> None:
    from app.model import repository

    elements = [el(f"sys-{i:04d}", "System") for i in range(repository.BATCH + 7)]
    client.post("/api/v1/model", json={"elements": elements,
                                       "relations": [{"from": f"sys-{i:04d}", "type": "RUNS_ON",
                                                      "to": f"sys-{i + 1:04d}"} for i in range(len(elements) - 1)]})
    exported = export(client)
    assert len(exported["elements"]) == len(elements)
    assert len(exported["relations"]) == len(elements) - 1
