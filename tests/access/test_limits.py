"""Limits against abuse: body sizes (413 before parsing), request rates (429), CORS, page headers."""

from __future__ import annotations

import select
import socket
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from app.access.roles import Role
from app.db.database import Database
from tests.conftest import settings_for
from tests.live_server import live_service
from tests.model.helpers import small_model
from tests.neo4j_target import Target

MB = 1024 * 1024


def test_a_body_past_the_limit_is_413_before_it_is_read(service: Callable[..., Any],
                                                        headers: dict[Role, dict[str, str]]) -> None:
    editor = {**headers[Role.EDITOR], "Content-Type": "application/json"}
    big = b'{"failed": ["' + b"x" * (2 * MB) + b'"]}'
    with service(auth="writes", max_body_mb=1) as client:
        for method, url in (("POST", "/api/v1/impact"), ("PUT", "/api/v1/elements/n"),
                            ("POST", "/api/v1/relations"), ("DELETE", "/api/v1/relations"),
                            ("POST", "/api/v1/keys")):
            response = client.request(method, url, content=big, headers=editor)
            assert response.status_code == 413, (method, url, response.text[:200])
            assert response.json()["error"]["code"] == "payload_too_large"


def test_a_streamed_body_is_cut_when_it_passes_the_limit(target: Target, db: Database) -> None:
    """No Content-Length (chunked), over a real socket: the 413 comes once the bytes read pass the
    limit, while the client is still sending."""
    with live_service(settings_for(target, auth="writes", max_body_mb=1)) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(b"POST /api/v1/impact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"x" * (64 * 1024)
            sent = 0
            try:
                while sent < 20 * MB and not select.select([conn], [], [], 0.02)[0]:
                    conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed: the answer is still there to read
            answer = conn.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 3 * MB  # refused soon after the first megabyte, not after all twenty


def test_imports_have_their_own_larger_limit(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    document = small_model()
    document["elements"][0]["description"] = "d" * 15_000  # a long text is fine for an import
    with service(auth="writes", max_body_mb=0.01, max_import_bytes=64 * 1024) as client:
        editor = headers[Role.EDITOR]
        assert client.post("/api/v1/model", json=document, headers=editor).status_code == 200
        assert client.put("/api/v1/elements/P", json=document["elements"][0], headers=editor).status_code == 413
        huge = {"elements": [{**document["elements"][0], "id": f"p{i}"} for i in range(10)]}
        assert client.post("/api/v1/model", json=huge, headers=editor).status_code == 413


def test_the_rate_limit_answers_429_with_retry_after(service: Callable[..., Any],
                                                     headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="writes", rate_limit_per_minute=5) as client:
        statuses = [client.get("/api/v1/schema", headers=headers[Role.READER]).status_code for _ in range(8)]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3
        refused = client.get("/api/v1/schema", headers=headers[Role.READER])
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert client.get("/health").status_code == 200  # probes are never limited
        # the client address has its own bucket: another key from it is refused too
        assert client.get("/api/v1/schema", headers=headers[Role.EDITOR]).status_code == 429


def test_one_key_is_one_bucket_however_its_header_is_spelt(service: Callable[..., Any],
                                                          tokens: dict[Role, str]) -> None:
    token = tokens[Role.READER]
    spellings = [f"Bearer {token}", f"bearer {token}", f"Bearer   {token}", f"BEARER {token}  "] * 2
    with service(auth="writes", rate_limit_per_minute=4) as client:
        statuses = []
        for i, spelling in enumerate(spellings):
            # each from another address, so only the key's own bucket can refuse
            other = TestClient(client.app, client=(f"10.0.0.{i + 1}", 4000))
            statuses.append(other.get("/api/v1/schema", headers={"Authorization": spelling}).status_code)
        assert statuses == [200] * 4 + [429] * 4


def test_no_rate_limit_in_development_unless_asked(service: Callable[..., Any]) -> None:
    with service(auth="writes") as client:
        assert all(client.get("/api/v1/schema").status_code == 200 for _ in range(30))


def test_cors_only_for_the_configured_origins(service: Callable[..., Any]) -> None:
    preflight = {"Origin": "https://architects.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"}
    with service(auth="writes") as client:
        response = client.options("/api/v1/model", headers=preflight)
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-origin" not in client.get("/api/v1/schema", headers={
            "Origin": "https://architects.example"}).headers
    with service(auth="writes", cors_origins="https://architects.example, https://other.example") as client:
        allowed = client.options("/api/v1/model", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://architects.example"
        refused = client.options("/api/v1/model", headers={**preflight, "Origin": "https://evil.example"})
        assert refused.headers.get("access-control-allow-origin") != "https://evil.example"


def test_pages_carry_security_headers(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="writes") as client:
        client.post("/api/v1/model", json=small_model(), headers=headers[Role.EDITOR])
        for address in ("/", "/viz/elements/P?view=dependencies", "/docs"):
            response = client.get(address)
            assert response.status_code == 200
            policy = response.headers["content-security-policy"]
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["x-content-type-options"] == "nosniff"
        api = client.get("/api/v1/schema")
        assert api.headers["x-content-type-options"] == "nosniff" and "content-security-policy" not in api.headers
