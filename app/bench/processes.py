"""Processes the benchmarks measure from outside: the service as `sigraph serve` runs it."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

import httpx

from app.config import Settings

_PIDS: dict[str, int] = {}  # the process behind each running service, by URL


def pid_of(url: str) -> int:
    """The `sigraph serve` process answering at `url` (with one worker, the one that answers)."""
    return _PIDS[url]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@contextmanager
def service_process(settings: Settings, memory_limit_mb: int | None = None, **env_overrides: str) -> Iterator[str]:
    """`sigraph serve` in a process of its own (reads open, no rate limit), until the block ends; its URL.
    `memory_limit_mb`: its address space, past which an allocation fails (a MemoryError, not the
    machine's memory exhausted)."""
    port = free_port()
    env = {**os.environ, "NEO4J_URI": settings.bolt_uri, "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
           "SIGRAPH_PORT": str(port), "SIGRAPH_AUTH": "writes", "SIGRAPH_RATE_LIMIT_PER_MINUTE": "0",
           "SIGRAPH_LOAD_DEMO": "false", "SIGRAPH_LOG_LEVEL": "error", **env_overrides}
    # its own process group, stopped whole at the end: no worker outlives the measurement
    proc = subprocess.Popen([sys.executable, "-c", "from app.cli import main; main()", "serve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=None if memory_limit_mb is None else partial(_limit_memory, memory_limit_mb))
    url = f"http://127.0.0.1:{port}"
    _PIDS[url] = proc.pid
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        _PIDS.pop(url, None)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
