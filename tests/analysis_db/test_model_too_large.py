"""Graph-wide questions read the whole model into the service: past SIGRAPH_WHOLE_MODEL_MAX_ELEMENTS
they answer 503 `model_too_large` at once, before reading, while per-element questions go on."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.api.app import create_app
from app.db.database import Database
from tests.conftest import settings_for
from tests.model.helpers import small_model
from tests.neo4j_target import Target


def test_graph_wide_questions_refuse_a_model_past_the_bound(target: Target, db: Database,
                                                             admin_headers: dict[str, str]) -> None:
    elements = len(small_model()["elements"])
    with TestClient(create_app(settings_for(target, whole_model_max_elements=elements - 1)),
                    headers=admin_headers) as client:
        assert client.post("/api/v1/model", json=small_model()).status_code == 200
        revision = client.get("/api/v1/revisions?limit=1").json()["revision"]
        for path in ("/api/v1/analysis/critical-elements", "/api/v1/portfolio",
                     "/api/v1/elements/P/supply-chain", f"/api/v1/elements/P/dependencies?revision={revision}"):
            response = client.get(path)
            assert response.status_code == 503, path
            error = response.json()["error"]
            assert error["code"] == "model_too_large" and "SIGRAPH_WHOLE_MODEL_MAX_ELEMENTS" in error["message"]
        assert client.get("/api/v1/elements/P/dependencies").status_code == 200
    with TestClient(create_app(settings_for(target, whole_model_max_elements=elements)),
                    headers=admin_headers) as client:
        assert client.get("/api/v1/analysis/critical-elements").status_code == 200
