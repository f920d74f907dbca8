"""The audit trail: every write recorded with who, when and what, in the write's own transaction;
refused writes recorded nowhere but the log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.audit.trail import IDS_KEPT
from app.db.database import Database
from tests.conftest import bearer, new_token
from tests.model.helpers import el, small_model


def _newest(client: TestClient, admin: dict[str, str], limit: int = 20) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/audit?limit={limit}", headers=admin)
    assert response.status_code == 200, response.text
    return list(response.json()["entries"])


def _seq(client: TestClient, admin: dict[str, str]) -> int:
    entries = _newest(client, admin, 1)
    return int(entries[0]["seq"]) if entries else 0


def test_every_write_is_recorded_with_who_when_and_what(service: Callable[..., Any], db: Database,
                                                        headers: dict[Role, dict[str, str]]) -> None:
    admin = headers[Role.ADMIN]
    editor_token = new_token(db, Role.EDITOR, prefix="audited")
    editor = bearer(editor_token)
    with service(auth="required") as client:
        start = _seq(client, admin)
        assert client.post("/api/v1/model", json=small_model(), headers=editor).status_code == 200
        assert client.put("/api/v1/elements/N", json={"type": "System", "name": "n"}, headers=editor).status_code == 201
        assert client.post("/api/v1/relations", json={"from": "S2", "type": "RUNS_ON", "to": "N"},
                           headers=editor).status_code == 201
        assert client.request("DELETE", "/api/v1/relations", json={"from": "S2", "type": "RUNS_ON", "to": "N"},
                              headers=editor).status_code == 200
        assert client.delete("/api/v1/elements/N", headers=editor).status_code == 200
        made = client.post("/api/v1/keys", json={"name": f"k-{start}", "role": "reader"}, headers=admin)
        assert client.delete(f"/api/v1/keys/k-{start}", headers=admin).status_code == 200
        entries = [e for e in _newest(client, admin) if e["seq"] > start]
    assert [e["action"] for e in entries] == ["key.revoke", "key.create", "element.delete", "relation.delete",
                                              "relation.put", "element.put", "model.import"]
    who = {e["action"]: e["who"] for e in entries}
    assert who["model.import"].startswith("audited-editor-") and who["key.create"].startswith("access-admin-")
    imported = entries[-1]
    assert imported["counts"]["elements"]["created"] == 11 and imported["ids_total"] == 11 + 14
    assert {"P", "S1", "P -INCLUDES-> S1"} <= set(imported["ids"]) and imported["revision"] is not None
    assert entries[-2]["target"] == "N" and entries[-2]["ids"] == ["N"]
    assert entries[-3]["ids"] == ["S2 -RUNS_ON-> N"]
    assert entries[2]["ids"] == ["N"] and entries[2]["counts"]["relations"]["deleted"] == 0
    assert entries[1]["target"] == entries[0]["target"] == made.json()["name"]
    assert [e["seq"] for e in entries] == sorted((e["seq"] for e in entries), reverse=True)
    assert editor_token not in repr(entries)


def test_ids_are_capped_at_a_thousand(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> None:
    admin = headers[Role.ADMIN]
    many = {"elements": [el(f"s{i:04d}", "System") for i in range(IDS_KEPT + 200)], "relations": []}
    with service(auth="required") as client:
        assert client.post("/api/v1/model", json=many, headers=headers[Role.EDITOR]).status_code == 200
        entry = _newest(client, admin, 1)[0]
        assert entry["ids_total"] == IDS_KEPT + 200 and len(entry["ids"]) == IDS_KEPT
        # a replace that removes them all names what it deleted
        assert client.post("/api/v1/model?mode=replace", json={"elements": []},
                           headers=headers[Role.EDITOR]).status_code == 200
        entry = _newest(client, admin, 1)[0]
        assert entry["counts"]["elements"]["deleted"] == IDS_KEPT + 200 and len(entry["ids"]) == IDS_KEPT


def test_a_refused_write_leaves_no_entry_and_is_logged(service: Callable[..., Any], caplog: pytest.LogCaptureFixture,
                                                       headers: dict[Role, dict[str, str]]) -> None:
    admin, editor = headers[Role.ADMIN], headers[Role.EDITOR]
    with service(auth="required") as client, caplog.at_level(logging.WARNING, logger="sigraph"):
        start = _seq(client, admin)
        dangling = {"relations": [{"from": "nope", "type": "RUNS_ON", "to": "nada"}]}
        refusals = [
            client.post("/api/v1/model", json=dangling, headers=editor),  # 422: nothing written
            client.post("/api/v1/model", json=small_model(), headers=headers[Role.READER]),  # 403
            client.post("/api/v1/model", json=small_model()),  # 401
            client.post("/api/v1/model", content=b"{}", headers={**editor, "Content-Type": "text/plain"}),  # 415
            client.delete("/api/v1/elements/nope", headers=editor),  # 404
            client.post("/api/v1/keys", json={"name": "bad name", "role": "reader"}, headers=admin),  # 422
        ]
        assert [r.status_code for r in refusals] == [422, 403, 401, 415, 404, 422]
        assert _seq(client, admin) == start
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("write refused")]
    assert len(refused) == len(refusals)
    assert any("403" in m and "access-reader-" in m for m in refused)


def test_the_trail_is_for_admins_newest_first_and_pages(service: Callable[..., Any],
                                                        headers: dict[Role, dict[str, str]]) -> None:
    admin = headers[Role.ADMIN]
    with service(auth="required") as client:
        for role in (Role.READER, Role.EDITOR):
            assert client.get("/api/v1/audit", headers=headers[role]).status_code == 403
        for i in range(3):
            client.put(f"/api/v1/elements/E{i}", json={"type": "System", "name": "e"}, headers=admin)
        first = client.get("/api/v1/audit?limit=2", headers=admin).json()
        assert [e["target"] for e in first["entries"]] == ["E2", "E1"] and first["next_before"] is not None
        older = client.get(f"/api/v1/audit?limit=1&before={first['next_before']}", headers=admin).json()
        assert [e["target"] for e in older["entries"]] == ["E0"]
        at = first["entries"][1]["at"]
        since = client.get("/api/v1/audit", params={"since": at, "limit": 1000}, headers=admin).json()["entries"]
        assert {"E1", "E2"} <= {e["target"] for e in since} and all(e["at"] >= at for e in since)
        assert client.get("/api/v1/audit?since=yesterday", headers=admin).status_code == 422


def test_odd_paging_values_are_refused_or_answered_never_a_500(service: Callable[..., Any],
                                                               headers: dict[Role, dict[str, str]]) -> None:
    admin = headers[Role.ADMIN]
    with service(auth="required") as client:
        assert client.get(f"/api/v1/audit?before={2**63}", headers=admin).status_code == 422
        assert client.get(f"/api/v1/audit?before={2**63 - 1}&limit=1", headers=admin).status_code == 200
        for since in ("0001-01-01T00:00:00+18:01", "0001-01-01T00:00:00-23:59", "9999-12-31T23:59:59-23:59",
                      "2026-01-01T10:00:00", "2026-01-01T10:00Z"):
            response = client.get("/api/v1/audit", params={"since": since, "limit": 1}, headers=admin)
            assert response.status_code == 200, (since, response.text)
        for since in ("2026-01-01", "0.5", "yesterday"):  # a date-time, as the schema says
            assert client.get("/api/v1/audit", params={"since": since}, headers=admin).status_code == 422
