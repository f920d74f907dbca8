"""The benchmark's generated model is a valid model (so its numbers measure real imports)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.bench.generate import generate_model


def test_generated_model_imports_whole_and_is_idempotent(client: TestClient) -> None:
    document = generate_model(600, seed=3)
    first = client.post("/api/v1/model", json=document)
    assert first.status_code == 200, first.text[:2000]
    assert first.json()["elements"]["created"] == 600
    again = client.post("/api/v1/model", json=document).json()
    assert again["elements"]["unchanged"] == 600
    assert again["relations"]["unchanged"] == len(document["relations"])
