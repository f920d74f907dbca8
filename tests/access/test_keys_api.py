"""Keys over HTTP: created by admins with the token shown once, listed without it, revoked for good."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from app.access.roles import Role
from app.db.database import Database
from tests.conftest import bearer
from tests.model.helpers import small_model


def unique(name: str) -> str:
    """Key names are unique for ever and the test database outlives a run."""
    return f"{name}-{uuid.uuid4().hex[:8]}"


def test_an_admin_creates_a_key_whose_token_is_shown_once(service: Callable[..., Any],
                                                          headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        name = unique("ops-reader")
        created = client.post("/api/v1/keys", json={"name": name, "role": "reader"},
                              headers=headers[Role.ADMIN])
        assert created.status_code == 201, created.text
        body = created.json()
        token = body["token"]
        # 256 random bits after the prefix: base64url of 32 bytes is 43 characters
        assert re.fullmatch(r"sgk_[A-Za-z0-9_-]{43}", token)
        assert body["role"] == "reader" and body["organization"] is None and body["active"] is True
        listed = client.get("/api/v1/keys", headers=headers[Role.ADMIN])
        assert listed.status_code == 200
        assert token not in listed.text and "token_hash" not in listed.text
        mine = next(k for k in listed.json()["keys"] if k["name"] == name)
        assert mine["created_by"].startswith("access-admin-") and mine["revoked_at"] is None
        # the new key reads
        assert client.get("/api/v1/elements", headers=bearer(token)).status_code == 200


def test_a_revoked_key_is_refused_on_the_next_request(service: Callable[..., Any],
                                                      headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        name = unique("soon-gone")
        token = client.post("/api/v1/keys", json={"name": name, "role": "editor"},
                            headers=headers[Role.ADMIN]).json()["token"]
        assert client.get("/api/v1/elements", headers=bearer(token)).status_code == 200
        revoked = client.delete(f"/api/v1/keys/{name}", headers=headers[Role.ADMIN])
        assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
        refused = client.get("/api/v1/elements", headers=bearer(token))
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
        assert client.post("/api/v1/model", json=small_model(), headers=bearer(token)).status_code == 401


def test_a_revocation_on_one_instance_holds_on_another(service: Callable[..., Any],
                                                       headers: dict[Role, dict[str, str]]) -> None:
    """Two instances of the service on the same database: keys are read from Neo4j on every request."""
    with service(auth="required") as one, service(auth="required") as other:
        name = unique("two-places")
        token = one.post("/api/v1/keys", json={"name": name, "role": "reader"},
                         headers=headers[Role.ADMIN]).json()["token"]
        assert other.get("/api/v1/elements", headers=bearer(token)).status_code == 200
        assert one.delete(f"/api/v1/keys/{name}", headers=headers[Role.ADMIN]).status_code == 200
        assert other.get("/api/v1/elements", headers=bearer(token)).status_code == 401


def test_key_names_are_unique_for_ever(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        admin = headers[Role.ADMIN]
        name = unique("once")
        assert client.post("/api/v1/keys", json={"name": name, "role": "reader"}, headers=admin).status_code == 201
        assert client.delete(f"/api/v1/keys/{name}", headers=admin).status_code == 200
        again = client.post("/api/v1/keys", json={"name": name, "role": "admin"}, headers=admin)
        assert again.status_code == 409 and again.json()["error"]["details"][0]["field"] == "name"


def test_bad_key_requests_name_the_field(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        admin = headers[Role.ADMIN]
        client.post("/api/v1/model", json=small_model(), headers=admin)
        cases = [
            ({"name": "x y", "role": "reader"}, 422, "name"),
            ({"name": "Upper", "role": "reader"}, 422, "name"),  # no two names differ by case alone
            ({"name": unique("ok"), "role": "owner"}, 422, "role"),
            ({"name": unique("ok"), "role": "reader", "organization": "nope"}, 422, "organization"),
            ({"name": unique("ok"), "role": "reader", "organization": "S1"}, 422, "organization"),  # a Service
            ({"name": unique("ok"), "role": "editor", "organization": "O1"}, 422, "role"),  # a partner key reads
            # misspelt, it must not quietly make a key that sees everything
            ({"name": unique("ok"), "role": "reader", "organisation": "O1"}, 422, "organisation"),
        ]
        for body, status, field in cases:
            response = client.post("/api/v1/keys", json=body, headers=admin)
            assert response.status_code == status, (body, response.text)
            assert response.json()["error"]["details"][0]["field"] == field, (body, response.text)
        assert client.delete("/api/v1/keys/never-was", headers=admin).status_code == 404


def test_last_use_is_recorded(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        admin = headers[Role.ADMIN]
        name = unique("used")
        token = client.post("/api/v1/keys", json={"name": name, "role": "reader"}, headers=admin).json()["token"]

        def listed() -> dict[str, Any]:
            return next(k for k in client.get("/api/v1/keys", headers=admin).json()["keys"] if k["name"] == name)

        assert listed()["last_used_at"] is None
        client.get("/api/v1/schema", headers=bearer(token))
        assert listed()["last_used_at"] is not None


def test_tokens_are_stored_only_as_hashes(service: Callable[..., Any], headers: dict[Role, dict[str, str]],
                                          session_db: Database) -> None:
    with service(auth="required") as client:
        name = unique("hashed")
        token = client.post("/api/v1/keys", json={"name": name, "role": "reader"},
                            headers=headers[Role.ADMIN]).json()["token"]
        client.get("/api/v1/elements", headers=bearer(token))
    records, _, _ = session_db.driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN properties(n) AS n, collect(properties(r)) AS r",
        database_=session_db.database)
    everything = repr([(r["n"], r["r"]) for r in records])
    assert f"'{name}'" in everything and token not in everything and token[4:] not in everything


def test_one_name_created_at_once_by_many_is_one_key(service: Callable[..., Any],
                                                     headers: dict[Role, dict[str, str]]) -> None:
    name = unique("race")
    with service(auth="required") as client, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: client.post("/api/v1/keys", json={"name": name, "role": "reader"},
                                                      headers=headers[Role.ADMIN]), range(8)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 7
    assert all(a.json()["error"]["details"] == [{"field": "name", "reason": "taken"}]
               for a in answers if a.status_code == 409)
