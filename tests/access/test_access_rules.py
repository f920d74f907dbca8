"""Every route requires the role it should: checked from the app's own route table.

A route added without an access rule, or with another rule than the one its method and path
call for, fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.api.access import PUBLIC, access_of
from app.api.app import create_app
from app.api.routes import api_routes
from app.config import Settings
from app.db.database import Database
from tests.conftest import bearer, new_token
from tests.model.helpers import small_model

ADMIN_PATHS = ("/api/v1/keys", "/api/v1/audit")
READS = {("POST", "/api/v1/impact")}  # a question, not a write
PUBLIC_PATHS = {"/health"}
# history and scenarios show the whole model
NOT_FOR_PARTNERS = {"/api/v1/revisions", "/api/v1/model/diff", "/api/v1/scenarios", "/api/v1/scenarios/{name}",
                    "/api/v1/scenarios/{name}/compare", "/viz/scenarios/{name}"}


def expected_rule(method: str, path: str) -> Role | str:
    """The rule a route must have, from its method and path alone (docs/security.md)."""
    if path in PUBLIC_PATHS:
        return PUBLIC
    if path.startswith(ADMIN_PATHS):
        return Role.ADMIN
    if method in ("GET", "HEAD") or (method, path) in READS:
        return Role.READER
    return Role.EDITOR


def _routes(settings: Settings) -> list[tuple[str, str, APIRoute]]:
    """(method, path, route) of every route of the API, read from the routers the app includes."""
    found = [(method, route.path, route) for route in api_routes() for method in sorted(route.methods or ())]
    assert len(found) >= 20  # a walk that finds nothing would prove nothing
    return found


def test_the_route_table_holds_every_operation_the_app_serves(settings: Settings) -> None:
    table = {(method, path) for method, path, _ in _routes(settings)}
    served = {(method.upper(), path) for path, operations in create_app(settings).openapi()["paths"].items()
              for method in operations}
    assert served == table


def test_every_route_declares_the_rule_its_method_and_path_call_for(settings: Settings) -> None:
    wrong = []
    for method, path, route in _routes(settings):
        declared = access_of(route)
        if declared != expected_rule(method, path):
            wrong.append(f"{method} {path}: declares {declared}, needs {expected_rule(method, path)}")
    assert not wrong, "\n".join(wrong)


def _call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> int:
    """Call a route with placeholder ids (nothing they name exists) and a JSON body where one goes."""
    url = re.sub(r"\{[^}]+\}", "no-such-thing", path)
    body: dict[str, Any] | None = {} if method in ("POST", "PUT") else None
    if (method, path) == ("POST", "/api/v1/impact"):
        body = {"failed": ["no-such-thing"]}
    status: int = client.request(method, url, json=body, headers=headers).status_code
    return status


ROLES_BELOW = {Role.READER: [], Role.EDITOR: [Role.READER], Role.ADMIN: [Role.READER, Role.EDITOR]}


def test_each_route_answers_401_403_and_lets_its_role_through(
        service: Callable[..., Any], settings: Settings, headers: dict[Role, dict[str, str]], db: Database) -> None:
    with service(auth="required") as client:
        assert client.post("/api/v1/model", json=small_model(), headers=headers[Role.ADMIN]).status_code == 200
        partner = bearer(new_token(db, Role.READER, organization="O1"))
        for method, path, _ in _routes(settings):
            rule = expected_rule(method, path)
            what = f"{method} {path}"
            if not isinstance(rule, Role):
                assert _call(client, method, path, {}) not in (401, 403), what
                continue
            refused = client.request(method, re.sub(r"\{[^}]+\}", "x", path), json={} if method != "GET" else None)
            assert refused.status_code == 401, what
            assert refused.headers["www-authenticate"].startswith("Bearer"), what
            assert _call(client, method, path, bearer("sgk_not-a-key")) == 401, what
            for lower in ROLES_BELOW[rule]:
                assert _call(client, method, path, headers[lower]) == 403, f"{what} as {lower}"
            refuses_partners = rule != Role.READER or path in NOT_FOR_PARTNERS
            assert (_call(client, method, path, partner) == 403) == refuses_partners, f"{what} as a partner"
            assert _call(client, method, path, headers[rule]) not in (401, 403), f"{what} as {rule}"


@pytest.mark.parametrize("mode", ["writes", "required"])
def test_reads_are_open_only_in_writes_mode(service: Callable[..., Any], settings: Settings, mode: str) -> None:
    with service(auth=mode) as client:
        for method, path, _ in _routes(settings):
            rule = expected_rule(method, path)
            if rule == PUBLIC:
                continue
            status = _call(client, method, path, {})
            open_read = mode == "writes" and rule == Role.READER
            assert (status != 401) if open_read else (status == 401), f"{mode}: {method} {path} -> {status}"


def test_defaults_writes_in_development_required_elsewhere(settings: Settings) -> None:
    assert settings.model_copy(update={"env": "development"}).auth_mode == "writes"
    assert settings.model_copy(update={"env": "production"}).auth_mode == "required"


def test_a_malformed_authorization_is_401_even_for_open_reads(service: Callable[..., Any]) -> None:
    with service(auth="writes") as client:
        for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Bearer <script>"):
            response = client.get("/api/v1/elements", headers={"Authorization": header})
            assert response.status_code == 401, header
