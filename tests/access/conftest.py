"""Fixtures of the access tests: the service in a chosen auth mode, and a key of each role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.api.app import create_app
from app.db.database import Database
from tests.conftest import bearer, new_token, settings_for
from tests.neo4j_target import Target

AppFactory = Callable[..., Any]


@pytest.fixture
def service(target: Target, db: Database) -> Callable[..., Any]:
    """`with service(auth="required", ...) as client:` the service with these settings, no key sent."""

    @contextmanager
    def make(**overrides: object) -> Iterator[TestClient]:
        with TestClient(create_app(settings_for(target, **overrides))) as client:
            yield client

    return make


@pytest.fixture(scope="session")
def tokens(session_db: Database) -> dict[Role, str]:
    """One key of each role for the session."""
    return {role: new_token(session_db, role, prefix="access") for role in Role}


@pytest.fixture(scope="session")
def headers(tokens: dict[Role, str]) -> dict[Role, dict[str, str]]:
    return {role: bearer(token) for role, token in tokens.items()}
