"""The Neo4j version, named once in the project's .env (also read by docker compose)."""

from __future__ import annotations

import re

from app.config import PROJECT_ROOT


def neo4j_version() -> str:
    """The exact Neo4j 5.26.x patch version the project runs everywhere."""
    text = (PROJECT_ROOT / ".env").read_text(encoding="utf-8")
    match = re.search(r"^NEO4J_VERSION=(\S+)$", text, re.MULTILINE)
    if not match:
        raise RuntimeError(".env does not name NEO4J_VERSION")
    return match.group(1)


def neo4j_image() -> str:
    """The official Community image of that version, for docker compose and testcontainers."""
    return f"neo4j:{neo4j_version()}-community"
