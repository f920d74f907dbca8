"""The wipe of the issue: no anonymous write, and no write a browser form or a no-cors fetch can send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from app.access.roles import Role
from tests.model.helpers import as_sets, export, small_model

WIPE = '{"elements":[],"relations":[]}'


def _model(client: TestClient, headers: dict[str, str]) -> tuple[set[str], set[str]]:
    return as_sets(export(TestClient(client.app, headers=headers)))


def test_an_anonymous_replace_cannot_wipe_the_model(service: Callable[..., Any],
                                                     headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="writes") as client:  # the development default: reads open
        client.post("/api/v1/model", json=small_model(), headers=headers[Role.EDITOR])
        before = as_sets(export(client))
        for content_type in ("text/plain", "application/json"):
            response = client.post("/api/v1/model?mode=replace", content=WIPE, headers={"Content-Type": content_type})
            assert response.status_code == 401, response.text
        assert as_sets(export(client)) == before


def test_writes_refuse_every_other_content_type_with_415(service: Callable[..., Any],
                                                         headers: dict[Role, dict[str, str]]) -> None:
    editor = headers[Role.EDITOR]
    with service(auth="writes") as client:
        client.post("/api/v1/model", json=small_model(), headers=editor)
        before = as_sets(export(client))
        writes = [("POST", "/api/v1/model?mode=replace", WIPE),
                  ("PUT", "/api/v1/elements/N", '{"type": "System", "name": "n"}'),
                  ("POST", "/api/v1/relations", '{"from": "S2", "type": "PROVIDED_BY", "to": "O3"}'),
                  ("DELETE", "/api/v1/relations", '{"from": "P", "type": "INCLUDES", "to": "S1"}'),
                  ("POST", "/api/v1/keys", '{"name": "form-made", "role": "admin"}')]
        forms = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                 "text/html", "application/xml", None]
        for method, url, body in writes:
            # the model import takes the exchange format's XML too (docs/archimate.md)
            for content_type in [f for f in forms if not (url.startswith("/api/v1/model") and f == "application/xml")]:
                sent = {**headers[Role.ADMIN]} | ({"Content-Type": content_type} if content_type else {})
                response = client.request(method, url, content=body.encode(), headers=sent)
                assert response.status_code == 415, (method, url, content_type, response.text)
                assert response.json()["error"]["code"] == "unsupported_media_type"
        assert as_sets(export(client)) == before
        # the same writes as JSON go through
        assert client.post("/api/v1/relations", content=writes[2][2], headers={
            **editor, "Content-Type": "application/json; charset=utf-8"}).status_code == 201


def test_yaml_is_accepted_for_model_documents_only(service: Callable[..., Any],
                                                   headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="writes") as client:
        sent = {**headers[Role.EDITOR], "Content-Type": "application/yaml"}
        assert client.post("/api/v1/model", content=b"elements:\n- {id: Z, type: System, name: z}\n",
                           headers=sent).status_code == 200
        assert client.put("/api/v1/elements/Z", content=b"type: System\nname: z2\n", headers=sent).status_code == 415


def test_a_delete_by_query_needs_no_body(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="writes") as client:
        client.post("/api/v1/model", json=small_model(), headers=headers[Role.EDITOR])
        response = client.delete("/api/v1/relations?from=P&type=INCLUDES&to=S1", headers=headers[Role.EDITOR])
        assert response.status_code == 200, response.text
