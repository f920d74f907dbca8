"""Tokens never appear in logs, in error messages, or in the database (only their hashes)."""

from __future__ import annotations

import logging
import uuid

import httpx
import pytest

from app.access.keys import KeyRequest, create_key
from app.access.roles import Role
from app.db.database import Database
from tests.conftest import bearer, new_token, settings_for
from tests.live_server import live_service
from tests.model.helpers import small_model
from tests.neo4j_target import Target


def test_no_token_in_logs_or_answers(target: Target, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    editor, reader = (new_token(db, role, prefix="secret") for role in (Role.EDITOR, Role.READER))
    revoked_name = f"secret-revoked-{uuid.uuid4().hex[:8]}"
    revoked = create_key(db=db, request=KeyRequest(name=revoked_name, role=Role.READER), actor="test").token
    unknown = "sgk_" + "A" * 43
    with caplog.at_level(logging.DEBUG), live_service(settings_for(target, auth="required"), access_log=True) as url:
        admin = bearer(new_token(db, Role.ADMIN, prefix="secret"))
        answers = [
            httpx.post(f"{url}/api/v1/model", json=small_model(), headers=bearer(editor), timeout=120),  # a write
            httpx.post(f"{url}/api/v1/model", json={"elements": 1}, headers=bearer(editor)),  # refused: logged
            httpx.post(f"{url}/api/v1/model", json=small_model(), headers=bearer(reader)),  # 403
            httpx.get(f"{url}/api/v1/elements", headers=bearer(unknown)),  # 401
            httpx.delete(f"{url}/api/v1/keys/{revoked_name}", headers=admin),
        ]
        answers.append(httpx.get(f"{url}/api/v1/elements", headers=bearer(revoked)))
        answers.append(httpx.get(f"{url}/api/v1/elements", headers={"Authorization": f"Basic {editor}"}))
    assert [a.status_code for a in answers] == [200, 422, 403, 401, 200, 401, 401]
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "write refused" in logged and "GET /api/v1/elements" in logged  # the logs were read
    for token in (editor, reader, revoked, unknown):
        assert token not in logged and token[4:] not in logged
        for answer in answers:
            assert token not in answer.text
