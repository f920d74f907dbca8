"""Shared fixtures: one real Neo4j per test session, migrated once, emptied before each test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.access.keys import KeyRequest, create_key
from app.access.roles import Role
from app.api.app import create_app
from app.config import Settings
from app.db.database import Database
from app.db.migrations import migrate
from tests.neo4j_target import Target, neo4j_target
from tests.queries import queries_for_tests


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
    db.queries = queries_for_tests()  # the product's queries, and those only tests run
    migrate(db)
    yield db
    db.close()


@pytest.fixture
def db(session_db: Database) -> Database:
    """The test database, emptied of model elements and scenarios (the migration chain, keys, audit
    trail and history stay)."""
    session_db.write_rows("model/delete_all_elements")
    session_db.write_rows("scenarios/delete_all_scenarios")
    return session_db


def new_token(db: Database, role: Role, organization: str | None = None, prefix: str = "test") -> str:
    """A fresh key of this role (a unique name: keys outlive tests), answered as its token."""
    request = KeyRequest(name=f"{prefix}-{role}-{uuid.uuid4().hex[:12]}", role=role, organization=organization)
    return create_key(db=db, request=request, actor="test").token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def admin_headers(session_db: Database) -> dict[str, str]:
    """An admin key for the tests that write: every write needs a key."""
    return bearer(new_token(session_db, Role.ADMIN))


@pytest.fixture
def client(settings: Settings, db: Database, admin_headers: dict[str, str]) -> Iterator[TestClient]:
    """The service in process, sending an admin key."""
    with TestClient(create_app(settings), headers=admin_headers) as c:
        yield c
