"""The picture of a scenario beside its base: marks read from the page's data."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from app.access.roles import Role
from app.db.database import Database
from tests.conftest import bearer, new_token
from tests.model.helpers import el, rel, small_model
from viz.style import MARKS, Mark

CHANGES = {"elements": [el("Y2", "System", service_level=3, availability=0.999), el("X", "System", name="X v2")],
           "relations": [rel("S2", "RUNS_ON", "Y", redundancy_group="hosts"),
                         rel("S2", "RUNS_ON", "Y2", redundancy_group="hosts")],
           "remove": {"relations": [{"from": "S1", "type": "PROVIDED_BY", "to": "O1"}]}}


def _data(page: str) -> dict[str, Any]:
    found = re.search(r"var DATA = (\{.*?\});\n", page, re.S)
    assert found, "the page carries its data"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_picture_marks_what_the_scenario_added_changed_fixed_and_took_away(client: TestClient,
                                                                               db: Database) -> None:
    client.post("/api/v1/model?mode=replace", json=small_model())
    assert client.post("/api/v1/scenarios", json={"name": "pic", "changes": CHANGES}).status_code == 201
    response = client.get("/viz/scenarios/pic?root=P")
    assert response.status_code == 200, response.text
    labels = {n["id"]: n["label"] for n in _data(response.text)["nodes"]}
    assert labels["Y2"].startswith(MARKS[Mark.ADDED].prefix)
    assert labels["X"].startswith(MARKS[Mark.CHANGED].prefix)
    assert labels["Y"].startswith(MARKS[Mark.FIXED].prefix)  # no longer a single point of failure
    assert labels["O1"].startswith(MARKS[Mark.GONE].prefix)  # S1's provider left the chain
    assert "Single points of failure fixed" in response.text
    assert client.get("/viz/scenarios/none?root=P").status_code == 404
    assert client.get("/viz/scenarios/pic?root=ghost").status_code == 404
    assert client.get("/viz/scenarios/pic").status_code in (400, 422)
    partner = bearer(new_token(db, Role.READER, organization="O1"))
    assert client.get("/viz/scenarios/pic?root=P", headers=partner).status_code == 403
    assert client.get("/viz/scenarios/pic?root=P", headers=bearer(new_token(db, Role.READER))).status_code == 200
