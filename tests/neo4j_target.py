"""Which real Neo4j the test session uses: SIGRAPH_TEST_NEO4J_URI, else testcontainers, else local.

The tests never read NEO4J_URI (spec/operations.md), so running them cannot wipe the service's data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.config import DEV_PASSWORD, PROJECT_ROOT
from app.local_server import LocalServer
from app.versions import neo4j_image


@dataclass(frozen=True)
class Target:
    uri: str
    user: str
    password: str
    how: str  # "env", "testcontainers" or "local"


def docker_answers() -> bool:
    """True when a Docker engine responds (the client alone is not enough)."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:  # any failure means: no engine to use
        return False


def test_server() -> LocalServer:
    """The test instance: its own folder and Bolt port, apart from the one `serve` starts."""
    return LocalServer(
        home=PROJECT_ROOT / ".neo4j",
        name="test",
        bolt_port=int(os.environ.get("SIGRAPH_TEST_NEO4J_BOLT_PORT", "7688")),
        password=DEV_PASSWORD,
        heap=os.environ.get("SIGRAPH_TEST_NEO4J_HEAP", "1g"),
        pagecache=os.environ.get("SIGRAPH_TEST_NEO4J_PAGECACHE", "512m"),
    )


@contextmanager
def neo4j_target() -> Iterator[Target]:
    """Yield a reachable database; stop whatever this session started."""
    uri = os.environ.get("SIGRAPH_TEST_NEO4J_URI")
    if uri:
        yield Target(uri, os.environ.get("SIGRAPH_TEST_NEO4J_USER", "neo4j"),
                     os.environ.get("SIGRAPH_TEST_NEO4J_PASSWORD", DEV_PASSWORD), "env")
        return
    if docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(image=neo4j_image(), password=DEV_PASSWORD) as container:
            yield Target(container.get_connection_url(), "neo4j", DEV_PASSWORD, "testcontainers")
        return
    server = test_server()
    started = server.start()
    try:
        yield Target(server.uri, "neo4j", DEV_PASSWORD, "local")
    finally:
        if started:
            server.stop()
