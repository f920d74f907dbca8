"""Shared fixtures: one real Neo4j per test session, migrated once, emptied before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.app import create_app
from app.config import Settings
from app.db.database import Database
from app.db.migrations import migrate
from tests.neo4j_target import Target, neo4j_target


@pytest.fixture(scope="session")
def target() -> Iterator[Target]:
    with neo4j_target() as t:
        yield t


def settings_for(target: Target, **overrides: object) -> Settings:
    """Settings pointing at the test database, whatever the process environment says."""
    values: dict[str, object] = {
        "NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": "neo4j", "env": "development", **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def settings(target: Target) -> Settings:
    return settings_for(target)


@pytest.fixture(scope="session")
def session_db(settings: Settings) -> Iterator[Database]:
    db = Database.from_settings(settings)
    migrate(db)
    yield db
    db.close()


@pytest.fixture
def db(session_db: Database) -> Database:
    """The test database, emptied of model elements (the migration chain stays)."""
    session_db.write_rows("model/delete_all_elements")
    return session_db


@pytest.fixture
def client(settings: Settings, db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c
