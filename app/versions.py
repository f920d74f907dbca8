"""The Neo4j version, named once in the project's .env (read by docker compose too; shipped in the
wheel as app/_data/neo4j.env)."""

from __future__ import annotations

import io

from dotenv import dotenv_values

from app.resources import resource


def neo4j_version() -> str:
    """The exact Neo4j 5.26.x patch version the project runs everywhere."""
    values = dotenv_values(stream=io.StringIO(resource("neo4j.env").read_text(encoding="utf-8")))
    version = values.get("NEO4J_VERSION")
    if not version:
        raise RuntimeError(".env does not name NEO4J_VERSION")
    return version


def neo4j_image() -> str:
    """The official Community image of that version, for docker compose and testcontainers."""
    return f"neo4j:{neo4j_version()}-community"
