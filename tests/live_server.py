"""The service on a real port, in a background thread: for tests that need real HTTP (a browser, raw sockets)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from app.api.app import create_app
from app.config import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_service(settings: Settings, *, access_log: bool = False) -> Iterator[str]:
    """`http://127.0.0.1:<port>` while the block runs; the server stops after it. With `access_log`,
    uvicorn logs each request through the standard loggers (so tests can read the lines)."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="info" if access_log
                            else "warning", log_config=None if access_log else uvicorn.config.LOGGING_CONFIG)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="sigraph-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
