"""Kept answers served before routing: a GET whose answer is kept at the current model revision is
answered here, without the router, the route's dependencies or a worker thread.

The caller is checked as the routes check it (app/api/access.py): a key is looked up on every
request (revocation holds from the next request on), an open read only where reads are open.
Anything else (no kept answer, a key that is unknown or malformed, a read that needs a key)
goes on to the routes, which answer it and keep what they answer (app/api/answer_cache.py).
Only answers a route gave with 200 to the very same question are kept, so nothing is answered
here that the route would refuse.
"""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.access.callers import authenticate
from app.api.access import PAGE_COOKIE, TOKEN_SHAPE
from app.api.answer_cache import AnswerCache, question_key
from app.errors import SigraphError


class CachedReads:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        state = request.app.state
        cache: AnswerCache | None = getattr(state, "answers", None)
        query = scope["query_string"].decode("latin-1")
        if cache is None or not cache.may_hold("GET", scope["path"], query):
            await self.app(scope, receive, send)  # /health, a write, a question not answered yet
            return
        try:
            found = await self._caller(request)
        except SigraphError:  # the database away, say: the routes answer it in the API's shape
            found = None
        if found is not None:
            organization, revision = found
            key = question_key("GET", scope["path"], query, b"", organization)
            kept = cache.get(key, revision)
            if kept is not None:
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", kept.media_type.encode()),
                                        (b"content-length", str(len(kept.body)).encode())]})
                await send({"type": "http.response.body", "body": kept.body})
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _caller(request: Request) -> tuple[str | None, int] | None:
        """(the partner organisation or None, the model revision) of a caller who may read; None to
        leave the request to the routes."""
        state = request.app.state
        header = request.headers.get("authorization")
        token = request.cookies.get(PAGE_COOKIE) if header is None else None
        if header is not None:
            scheme, _, token = header.strip().partition(" ")
            if scheme.lower() != "bearer":
                return None
        token = (token or "").strip()
        if not token:
            if state.settings.auth_mode != "writes":
                return None
            return None, await state.revisions.current()
        if not TOKEN_SHAPE.match(token):
            return None
        caller = await anyio.to_thread.run_sync(authenticate, state.db, state.scopes, token)
        if caller is None or caller.revision is None:
            return None
        return caller.organization, caller.revision
