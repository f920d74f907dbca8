"""The local server's files: absolute folders, its own port, HTTP off, authentication on."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.local_server import LocalServer
from app.versions import neo4j_version


def test_folders_are_absolute_even_from_a_relative_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    server = LocalServer(home=Path("relative"), name="x", bolt_port=7777, password="p4ssword")
    assert server.instance_dir == tmp_path / "relative" / "x"
    assert server.lib_dir == tmp_path / "relative" / "lib" / neo4j_version()


def test_config_has_its_own_port_auth_on_http_off_and_its_own_data(tmp_path: Path) -> None:
    server = LocalServer(home=tmp_path, name="x", bolt_port=7777, password="p4ssword", heap="512m",
                         pagecache="256m")
    conf = (server._write_config() / "neo4j.conf").read_text(encoding="utf-8").splitlines()
    assert "server.bolt.listen_address=127.0.0.1:7777" in conf
    assert "server.http.enabled=false" in conf and "dbms.security.auth_enabled=true" in conf
    assert "server.memory.pagecache.size=256m" in conf
    assert f"server.directories.data={tmp_path / 'x' / 'data'}" in conf


def test_status_of_a_server_that_does_not_run(tmp_path: Path) -> None:
    status = LocalServer(home=tmp_path, name="x", bolt_port=7777, password="p4ssword").status()
    assert status["running"] is False and status["pid"] is None and status["uri"] == "bolt://127.0.0.1:7777"
