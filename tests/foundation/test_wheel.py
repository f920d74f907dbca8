"""The package as others install it: the wheel, in a fresh virtual environment, away from the
source tree, migrates a real database and answers a question (with its queries, migrations,
demo model, templates and Neo4j version read from the package)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from app.config import PROJECT_ROOT
from app.db.database import Database
from app.db.migrations import load_migrations
from tests.neo4j_target import Target


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_wheel_installed_elsewhere_migrates_and_answers(target: Target, db: Database, tmp_path: Path) -> None:
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", PROJECT_ROOT, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("sigraph-*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert "app/_data/migrations/V001__Create_element_constraints.cypher" in shipped
    assert "app/_data/neo4j.env" in shipped and {"viz/templates/picture.html", "viz/templates/svg.js"} <= shipped
    _run(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path)
    bin_dir = tmp_path / "venv" / "bin"
    _run(bin_dir / "pip", "install", "-q", wheel, cwd=tmp_path)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    env = {"PATH": f"{bin_dir}:{os.environ.get('PATH', '')}", "HOME": str(tmp_path), "NEO4J_URI": target.uri,
           "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password, "SIGRAPH_ENV": "development"}
    where = _run(bin_dir / "python", "-c", "import app, viz; print(app.__file__, viz.__file__)", cwd=elsewhere, env=env)
    assert str(PROJECT_ROOT) not in where and "site-packages" in where
    migrated = _run(bin_dir / "sigraph", "migrate", cwd=elsewhere, env=env)
    assert f"current version: {load_migrations()[-1].version}" in migrated
    demo = next((tmp_path / "venv").glob("lib/python*/site-packages/app/_data/examples/modern-workplace.yaml"))
    _run(bin_dir / "sigraph", "load", demo, cwd=elsewhere, env=env)
    picture = elsewhere / "picture.html"
    _run(bin_dir / "sigraph", "viz", "pkg-modern-workplace", "--view", "impact", "--failed", "org-lapto",
         "-o", picture, cwd=elsewhere, env=env)
    assert "Modern Workplace" in picture.read_text(encoding="utf-8")
    version = _run(bin_dir / "python", "-c", "from app.versions import neo4j_version; print(neo4j_version())",
                   cwd=elsewhere, env=env)
    assert version.strip() == (PROJECT_ROOT / ".env").read_text().split("NEO4J_VERSION=")[1].split()[0]


def test_a_package_without_its_data_refuses_to_start(tmp_path: Path) -> None:
    from app.db.queries import QueryRegistry
    from app.errors import MigrationError

    empty = tmp_path / "empty"
    empty.mkdir()
    for make in (lambda: QueryRegistry(empty), lambda: load_migrations(empty)):
        try:
            make()
        except (RuntimeError, MigrationError) as e:
            assert "package was built without" in str(e)
        else:
            raise AssertionError("an empty data folder was taken")
