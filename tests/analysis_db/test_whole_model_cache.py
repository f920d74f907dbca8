"""The graph-wide analyses keep the whole model between calls, and read it again after any change."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.analysis.worked_example import worked_example
from tests.analysis_db.documents import graph_document


def _critical(client: TestClient) -> set[str]:
    return {e["id"] for e in client.get("/api/v1/analysis/critical-elements").json()["elements"]}


def test_every_kind_of_write_refreshes_the_graph_wide_answers(client: TestClient) -> None:
    client.post("/api/v1/model", json=graph_document(worked_example()))
    assert _critical(client) == {"S1", "S2", "Y", "O1", "O2", "O3"}
    assert _critical(client) == {"S1", "S2", "Y", "O1", "O2", "O3"}  # the kept model, same answer
    client.request("DELETE", "/api/v1/relations", json={"from": "O2", "type": "SUPPLIED_BY", "to": "O3"})
    assert _critical(client) == {"S1", "S2", "Y", "O1", "O2"}
    client.delete("/api/v1/elements/S2")
    assert _critical(client) == {"S1", "O1", "O2"}
    client.post("/api/v1/relations", json={"from": "P", "type": "INCLUDES", "to": "S1"})  # unchanged
    assert _critical(client) == {"S1", "O1", "O2"}
    client.put("/api/v1/elements/S1", json={"type": "Service", "name": "S1", "lifecycle": "retired"})
    assert _critical(client) == set()  # a retired element counts as up and passes nothing on
    client.post("/api/v1/model?mode=replace", json=graph_document(worked_example()))
    assert _critical(client) == {"S1", "S2", "Y", "O1", "O2", "O3"}
