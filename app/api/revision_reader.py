"""The model revision for requests, read once for all the requests waiting on it.

A request needs the revision as of its arrival or later: a read that starts after it arrived sees
every write committed before. So requests that arrive while a read is under way wait for the next
read, and all of them share it: one read at a time, each answering everyone who came while the
previous one ran. Under load this is one small query per database round trip instead of one per
request; alone, a request waits for one read, as before.

A read unanswered for `silent_after_s` (a connection a network cut left open and silent: the
driver has no read deadline) answers its requests 503, opens the database's breaker so the
requests after it fail fast instead of finding silent connections too, and is left to end in its
thread.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import anyio

from app.errors import DatabaseUnavailable


class RevisionReader:
    def __init__(self, read: Callable[[], int], *, silent_after_s: float, on_silence: Callable[[], None]) -> None:
        self._read = read  # blocking: it runs in a worker thread
        self._silent_after_s = silent_after_s
        self._on_silence = on_silence
        self._next: asyncio.Future[int] | None = None  # the read the newly arrived wait for
        self._running = False

    async def current(self) -> int:
        """A revision read that started after this call."""
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        waiting = self._next
        if not self._running:
            self._running = True
            asyncio.get_running_loop().create_task(self._run())
        return await asyncio.shield(waiting)

    async def _run(self) -> None:
        try:
            while self._next is not None:
                joined, self._next = self._next, None  # from here on, arrivals wait for the next read
                reading = asyncio.ensure_future(anyio.to_thread.run_sync(self._read))
                try:
                    joined.set_result(await asyncio.wait_for(asyncio.shield(reading), self._silent_after_s))
                except TimeoutError:
                    self._on_silence()
                    joined.set_exception(DatabaseUnavailable(
                        f"the database did not answer within {self._silent_after_s:g}s"))
                    reading.add_done_callback(_retrieved)
                    joined.exception()
                except Exception as e:  # every waiter hears the database's error
                    joined.set_exception(e)
                    joined.exception()  # retrieved: no "never retrieved" warning when all waiters left
        finally:
            self._running = False


def _retrieved(read: asyncio.Future[int]) -> None:
    """A read given up on: its late error is nobody's to hear."""
    with contextlib.suppress(asyncio.CancelledError, Exception):
        read.exception()
