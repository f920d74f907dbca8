"""GET /health against the real database, and 503 when nothing answers."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from app.api.app import create_app
from app.config import DEV_PASSWORD
from app.db.migrations import load_migrations
from app.versions import neo4j_version
from tests.conftest import settings_for
from tests.neo4j_target import Target


def test_health_reports_database_version_and_migration(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "reachable"
    assert body["neo4j_version"] == neo4j_version()
    assert body["migration_version"] == load_migrations()[-1].version


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_health_is_503_when_the_database_is_unreachable() -> None:
    dead = Target(f"bolt://127.0.0.1:{_free_port()}", "neo4j", DEV_PASSWORD, "env")
    settings = settings_for(dead, connection_timeout_s=1.0)
    with TestClient(create_app(settings)) as c:  # starts although the database is away
        response = c.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"] == "unreachable"
    assert body["error"]["code"] == "database_unavailable"


def test_openapi_docs_are_served_without_internet(client: TestClient) -> None:
    import re

    docs = client.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/") for a in assets), assets  # nothing from a CDN
    assert all(client.get(a).status_code == 200 for a in assets)
    assert "/health" in client.get("/openapi.json").json()["paths"]


def test_unknown_path_answers_the_json_error_shape(client: TestClient) -> None:
    response = client.get("/no/such/path")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_development_password_is_refused_outside_development(target: Target) -> None:
    with pytest.raises(RuntimeError, match="development password"):
        create_app(settings_for(target, env="production", NEO4J_PASSWORD=DEV_PASSWORD))
