"""`sigraph keys` on the test database, and the production guard of every command that touches data."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.config import DEV_PASSWORD
from tests.conftest import bearer
from tests.model.helpers import small_model
from tests.neo4j_target import Target


def _run(target: Target, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    base = {"NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
            "NEO4J_DATABASE": "neo4j", "SIGRAPH_ENV": "development"}
    result = CliRunner().invoke(cli, list(args), env={**base, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_keys_create_prints_the_token_alone_on_the_last_line(target: Target, client: TestClient) -> None:
    name = f"cli-editor-{uuid.uuid4().hex[:8]}"
    code, out, err = _run(target, "keys", "create", "--name", name, "--role", "editor")
    assert code == 0, err
    token = out.splitlines()[-1]
    assert re.fullmatch(r"sgk_[A-Za-z0-9_-]{43}", token)
    assert client.post("/api/v1/model", json=small_model(), headers=bearer(token)).status_code == 200
    code, out, _ = _run(target, "keys", "list")
    assert code == 0 and token not in out
    listed = [json.loads(line) for line in out.splitlines()]
    mine = next(k for k in listed if k["name"] == name)
    assert mine["role"] == "editor" and mine["created_by"].startswith("cli:") and mine["active"]
    code, out, _ = _run(target, "keys", "revoke", name)
    assert code == 0 and name in out
    assert client.get("/api/v1/elements", headers=bearer(token)).status_code == 401


def test_keys_create_a_partner_key(target: Target, client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    name = f"cli-partner-{uuid.uuid4().hex[:8]}"
    code, out, err = _run(target, "keys", "create", "--name", name, "--role", "reader", "--organization", "O1")
    assert code == 0, err
    token = out.splitlines()[-1]
    assert client.get("/api/v1/elements/S2", headers=bearer(token)).status_code == 404  # not O1's
    assert client.get("/api/v1/elements/S1", headers=bearer(token)).status_code == 200  # provided by O1


def test_keys_create_refuses_bad_input_in_one_line(target: Target) -> None:
    for args in (["--name", "a b", "--role", "reader"], ["--name", "ok", "--role", "root"],
                 ["--name", f"x-{uuid.uuid4().hex[:6]}", "--role", "reader", "--organization", "nope"]):
        code, out, err = _run(target, "keys", "create", *args)
        assert code == 1 and out == "" and len(err.strip().splitlines()) == 1, (args, err)
        assert "Traceback" not in err
    code, _, err = _run(target, "keys", "revoke", "never-was-a-key")
    assert code == 1 and "never-was-a-key" in err


@pytest.mark.parametrize("args", [["migrate"], ["load", "MODEL"], ["export"], ["keys", "list"],
                                  ["keys", "create", "--name", "x", "--role", "admin"], ["keys", "revoke", "x"],
                                  ["serve"]])
def test_data_commands_refuse_the_development_password_outside_development(
        target: Target, tmp_path: Path, args: list[str]) -> None:
    model = tmp_path / "model.json"
    model.write_text(json.dumps(small_model()), encoding="utf-8")
    args = [str(model) if a == "MODEL" else a for a in args]
    code, out, err = _run(target, *args, env={"SIGRAPH_ENV": "production", "NEO4J_PASSWORD": DEV_PASSWORD})
    assert code == 1, out
    assert len(err.strip().splitlines()) == 1 and "development password" in err and "Traceback" not in err
