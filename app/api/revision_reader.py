"""The model revision for requests, read once for all the requests waiting on it.

A request needs the revision as of its arrival or later: a read that starts after it arrived sees
every write committed before. So requests that arrive while a read is under way wait for the next
read, and all of them share it: one read at a time, each answering everyone who came while the
previous one ran. Under load this is one small query per database round trip instead of one per
request; alone, a request waits for one read, as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import anyio


class RevisionReader:
    def __init__(self, read: Callable[[], int]) -> None:
        self._read = read  # blocking: it runs in a worker thread
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
                try:
                    joined.set_result(await anyio.to_thread.run_sync(self._read))
                except Exception as e:  # every waiter hears the database's error
                    joined.set_exception(e)
                    joined.exception()  # retrieved: no "never retrieved" warning when all waiters left
        finally:
            self._running = False
