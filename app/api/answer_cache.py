"""Answers kept by model revision: a question asked again about an unchanged model is answered
from memory, as the bytes sent the first time.

Every answer is a function of the question (method, path, query, body), who asks (a partner's
scope), the day (a compliance check defaults to today) and the model revision. The revision is
read at the start of each request (with the caller's key when there is one, else on its own: one
small read). An answer is computed from a graph read after that, so it is as new as the revision
it is kept under or newer: a request that starts after a write commits never gets an answer from
before it, on any worker or instance (each keeps its own answers).
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import anyio
from fastapi import Request, Response
from pydantic import BaseModel

from app.access.callers import Caller

JSON = "application/json"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Kept:
    revision: int
    body: bytes
    media_type: str
    question: str  # method, path and query: see AnswerCache.may_hold


class AnswerCache:
    """The newest answer per question, least recently used out first, within `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._bytes = 0
        self._entries: OrderedDict[str, Kept] = OrderedDict()
        self._questions: Counter[str] = Counter()  # entries per method, path and query
        self._lock = threading.Lock()

    def may_hold(self, asked: str) -> bool:
        """Whether some answer to this question (see `question`) is kept, for some caller at some
        revision: a question never answered needs no revision read to know it is answered anew."""
        return self._questions[asked] > 0

    def get(self, key: str, revision: int) -> Kept | None:
        with self._lock:
            kept = self._entries.get(key)
            if kept is None or kept.revision != revision:
                return None
            self._entries.move_to_end(key)
            return kept

    def put(self, key: str, kept: Kept) -> None:
        if len(kept.body) > self._max_bytes // 4:
            return  # one answer never pushes out most of the others
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._forget(old)
                if old.revision > kept.revision:  # a slow request of an older revision: keep the newer
                    kept = old
            self._entries[key] = kept
            self._bytes += len(kept.body)
            self._questions[kept.question] += 1
            while self._bytes > self._max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._forget(dropped)

    def _forget(self, kept: Kept) -> None:
        self._bytes -= len(kept.body)
        self._questions[kept.question] -= 1
        if not self._questions[kept.question]:
            del self._questions[kept.question]


def question(method: str, path: str, query: str) -> str:
    """The question as asked, the query in a canonical order."""
    params = "&".join(sorted(query.split("&"))) if query else ""
    return f"{method} {path}?{params}"


def question_key(asked: str, body: bytes, organization: str | None) -> str:
    """What an answer depends on besides the revision: the question, its body, the caller's scope, the day."""
    digest = hashlib.sha256(body).hexdigest() if body else ""
    return f"{asked} #{digest} @{organization or ''} {date.today().isoformat()}"


async def revision_of(request: Request, caller: Caller) -> int:
    """The model revision a request is answered at: the one read with the caller's key, else one
    read shared with the requests that arrived meanwhile (app/api/revision_reader.py), once per request."""
    if caller.revision is not None:
        return caller.revision
    if not hasattr(request.state, "revision"):
        request.state.revision = await request.app.state.revisions.current()
    revision: int = request.state.revision
    return revision


class Answers:
    """The answer to one request: from the cache when kept at this revision, else computed and kept."""

    def __init__(self, cache: AnswerCache, key: str, question: str, revision: int, keep: bool = True) -> None:
        self._cache = cache
        self._key = key
        self._question = question
        self.revision = revision
        self._keep = keep  # False: the answer rests on more than the model revision (a scenario)

    async def _answer(self, compute: Callable[[], bytes], media_type: str) -> Response:
        """A kept answer at once; else computed in a worker thread (the analyses block), then kept."""
        if not self._keep:
            return Response(content=await anyio.to_thread.run_sync(compute), media_type=media_type)
        kept = self._cache.get(self._key, self.revision)
        if kept is None:
            kept = Kept(self.revision, await anyio.to_thread.run_sync(compute), media_type, self._question)
            self._cache.put(self._key, kept)
        return Response(content=kept.body, media_type=kept.media_type)

    async def json(self, compute: Callable[[], BaseModel]) -> Response:
        return await self._answer(lambda: compute().model_dump_json(by_alias=True).encode(), JSON)

    async def html(self, compute: Callable[[], str]) -> Response:
        return await self._answer(lambda: compute().encode(), HTML)
