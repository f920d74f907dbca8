"""docker-compose.yml and the Dockerfile hold together (parsed: no Docker engine runs here)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from app.config import DEV_PASSWORD, PROJECT_ROOT
from app.versions import neo4j_image, neo4j_version


def _compose() -> dict[str, Any]:
    """The compose file with ${VAR} and ${VAR:-default} interpolated from .env, as compose does."""
    text = (PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    env = {"NEO4J_VERSION": neo4j_version()}

    def sub(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(3) or ""
        return env.get(name, default)

    text = re.sub(r"(?<!\$)\$\{([A-Z0-9_]+)(:-([^}]*))?\}", sub, text)
    compose: dict[str, Any] = yaml.safe_load(text)
    return compose


def test_compose_runs_the_pinned_neo4j_community_image_with_a_health_check_and_volume() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == neo4j_image()
    assert neo4j["image"].startswith("neo4j:5.26.") and neo4j["image"].endswith("-community")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")
    assert volume[1] == "/data" and volume[0] in _compose()["volumes"]
    assert neo4j["environment"]["NEO4J_AUTH"] == f"neo4j/{DEV_PASSWORD}"


def test_compose_api_is_built_here_and_waits_for_a_healthy_database() -> None:
    compose = _compose()
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert (PROJECT_ROOT / "Dockerfile").exists()


def test_dockerfile_copies_what_the_service_reads_at_run_time() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = " ".join(line for line in dockerfile.splitlines() if line.startswith("COPY")).split()
    for needed in ("app", "cypher", "migrations", ".env"):
        assert needed in copied or f"./{needed}" in copied, needed


def test_the_image_installs_the_wheel_in_two_stages_and_runs_unprivileged() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 2 and " AS build" in stages[0]
    assert "pip wheel" in dockerfile and "COPY --from=build" in dockerfile
    assert "-e ." not in dockerfile and "--editable" not in dockerfile
    user = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user and user[-1].split()[1] not in ("root", "0")
