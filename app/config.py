"""Service configuration from environment variables (names in spec/operations.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Documented development password: set as the local server's initial password before its
# first start; the service refuses to run with it outside development.
DEV_PASSWORD = "sigraph-dev-password"


class Settings(BaseSettings):
    """Everything the service reads from its environment, with local defaults."""

    model_config = SettingsConfigDict(env_prefix="SIGRAPH_", extra="ignore")

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr(DEV_PASSWORD), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")

    env: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Server-side bound on every query, so no request can hold the database for long.
    query_timeout_s: float = Field(default=30.0, gt=0)
    # How long to wait for a connection, and to retry a transaction the database could not take:
    # short, so that with the database away a request answers 503 within about two seconds.
    connection_timeout_s: float = Field(default=2.0, gt=0)
    retry_time_s: float = Field(default=1.0, ge=0)
    # The database is probed this often in the background; /health answers from the last probe,
    # and a probe slower than health_timeout_s counts as the database being away.
    health_interval_s: float = Field(default=0.5, gt=0)
    health_timeout_s: float = Field(default=0.8, gt=0)
    # Bounds on analysis answers: the default and the largest max_depth, the largest result.
    default_max_depth: int = Field(default=100, ge=1)
    max_depth_limit: int = Field(default=100, ge=1)
    result_limit: int = Field(default=10_000, ge=1)
    # Largest model document accepted in one import request.
    max_import_bytes: int = Field(default=200 * 1024 * 1024, ge=1024)
    # Most objects (each element and relation is one) an imported document may hold; counted as
    # it is read, so a huge document stops early (413).
    max_items: int = Field(default=1_000_000, ge=1)
    # Largest model the graph-wide questions (critical elements, portfolio, supply chain, answers
    # at a past revision) read into a service process: about 20 KB of memory per element. Past it
    # they answer 503 `model_too_large` at once instead of exhausting the machine.
    whole_model_max_elements: int = Field(default=250_000, ge=1)
    # Model history (docs/history.md): how much is kept, as revisions ("500") or days ("180d");
    # "0" keeps none (writes then record no changes).
    history_keep: str = Field(default="180d", pattern=r"^(0|[1-9][0-9]{0,8}d?)$")
    # Largest body of every other request that takes one (impact, element, relation, keys): 413 past it.
    max_body_mb: float = Field(default=1.0, gt=0)

    # Access (docs/security.md). required: every route but /health needs a key; writes: reads are
    # open, writes need an editor key. Unset: writes in development, required anywhere else.
    auth: Literal["required", "writes"] | None = None
    # Requests per minute allowed to one key and to one client address (0: no limit). Unset: no
    # limit in development, 600 anywhere else.
    rate_limit_per_minute: int | None = Field(default=None, ge=0)
    # Origins allowed to call the API from a browser (comma-separated); none by default.
    cors_origins: str = ""
    # The language whose names and documentation an ArchiMate import takes (else the first), and
    # that an export writes them in.
    lang: str = Field(default="en", min_length=1, max_length=20)
    # Load the demo model at start when the database holds no elements.
    load_demo: bool = False
    # Memory for answers kept by model revision, per worker process (0: keep none).
    answer_cache_mb: int = Field(default=64, ge=0)
    # Worker processes of `sigraph serve` (0: one per CPU core this process may run on).
    workers: int = Field(default=0, ge=0)

    @property
    def worker_count(self) -> int:
        return self.workers or len(os.sched_getaffinity(0)) or 1
    # One log line per request (uvicorn's access log); off by default, it costs throughput.
    access_log: bool = False
    # Largest picture (/viz): past it the nearest elements are drawn and the page says what it left out.
    viz_node_limit: int = Field(default=300, ge=1)

    # The local Neo4j server the project starts when NEO4J_URI is unset.
    # (the working directory's .neo4j: the project's own when run from a checkout, as ./dev does)
    neo4j_home: Path = Field(default_factory=lambda: Path(".neo4j").resolve())
    neo4j_bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "1g"
    # The benchmarks' own local server, apart from the service's and the tests'.
    bench_neo4j_bolt_port: int = Field(default=7689, ge=1, le=65535)

    @property
    def auth_mode(self) -> Literal["required", "writes"]:
        return self.auth or ("writes" if self.env == "development" else "required")

    @property
    def rate_limit(self) -> int:
        """Requests per minute per key and per client address; 0 means no limit."""
        if self.rate_limit_per_minute is not None:
            return self.rate_limit_per_minute
        return 0 if self.env == "development" else 600

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    def check_safe_to_start(self) -> None:
        """Refuse the development password anywhere but in development."""
        if self.env != "development" and self.neo4j_password.get_secret_value() == DEV_PASSWORD:
            raise RuntimeError(
                "NEO4J_PASSWORD is the documented development password; "
                "set a real one when SIGRAPH_ENV is not 'development'"
            )


def get_settings() -> Settings:
    """Build settings from the environment now (never at import time)."""
    return Settings()
