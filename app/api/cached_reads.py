"""Kept answers served before routing: a GET whose answer is kept at the current model revision is
answered here, without the router, the route's dependencies or a worker thread.

The caller is authorized by the routes' own check (app/api/access.py): a key is looked up on every
request (revocation holds from the next request on), an open read only where reads are open. The
caller and the revision are left on the request, so a route that answers after all asks neither
again. Anything else (no kept answer, a key refused, the database away) goes on to the routes,
which answer it and keep what they answer (app/api/answer_cache.py). Only answers a route gave
with 200 to the very same question are kept, so nothing is answered here that a route would refuse.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.access.roles import Role
from app.api.access import authorize
from app.api.answer_cache import AnswerCache, question, question_key, revision_of
from app.errors import SigraphError


class CachedReads:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cache: AnswerCache | None = getattr(request.app.state, "answers", None)
        asked = question("GET", scope["path"], scope["query_string"].decode("latin-1"))
        if cache is None or not cache.may_hold(asked):
            await self.app(scope, receive, send)  # /health, a write, a question not answered yet
            return
        try:
            caller = await authorize(request, Role.READER)
            request.state.caller = caller
            revision = await revision_of(request, caller)
        except SigraphError:  # a key refused, the database away: the routes answer it in the API's shape
            await self.app(scope, receive, send)
            return
        kept = cache.get(question_key(asked, b"", caller.organization), revision)
        if kept is None:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kept.media_type.encode()),
                                (b"content-length", str(len(kept.body)).encode())]})
        await send({"type": "http.response.body", "body": kept.body})
