"""Limits against abuse, as ASGI middleware: body size, request rate, browser security headers.

They sit in front of the routes, so a refused request costs nothing more than its headers: a
body past its limit is refused with 413 before it is parsed (at once when Content-Length says
so, else as soon as the bytes read pass the limit), a caller past its rate with 429.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_body, log_refused
from app.errors import BadParameter


async def send_error(send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps(error_body(code, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
           (b"x-content-type-options", b"nosniff")]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTPException, so FastAPI passes it on to the 413 handler
    instead of turning it into a parse error."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"body: more than the {limit} bytes accepted here")


class BodyLimit:
    """Refuse request bodies past the limit of their route (`limit_for(method, path)`)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            message = f"body: {int(declared)} bytes is more than the {limit} accepted here"
            log_refused(scope["method"], scope["path"], "(not read)", 413, message)
            await send_error(send, 413, "payload_too_large", message)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)


class RateLimit:
    """Token buckets per key and per client address: `per_minute` requests, refilled evenly.

    Kept in this process's memory (each instance of a cluster counts its own callers), at most
    `max_callers` buckets, the least recently used dropped first. /health is never limited.
    """

    def __init__(self, app: ASGIApp, per_minute: int, max_callers: int = 100_000) -> None:
        self.app = app
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_callers = max_callers
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _wait(self, caller: str, now: float) -> float:
        """Take a token from the caller's bucket; answer 0, or the seconds until one is there."""
        tokens, at = self.buckets.get(caller, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self.buckets[caller] = (tokens, now)
        self.buckets.move_to_end(caller)
        while len(self.buckets) > self.max_callers:
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/health":
            await self.app(scope, receive, send)
            return
        now = time.monotonic()
        callers = [f"address:{(scope.get('client') or ('?',))[0]}"]
        authorization = Headers(scope=scope).get("authorization")
        if authorization:  # the token's hash, however the header is spelt: one bucket a key, no token kept
            token = authorization.strip().partition(" ")[2].strip() or authorization
            callers.append("key:" + hashlib.sha256(token.encode("utf-8", "replace")).hexdigest())
        wait = max(self._wait(c, now) for c in callers)
        if wait > 0:
            retry = str(max(1, math.ceil(wait)))
            log_refused(scope["method"], scope["path"], "(rate limited)", 429, "too many requests")
            await send_error(send, 429, "too_many_requests",
                             f"too many requests: at most {self.capacity:g} a minute; retry in {retry} s",
                             {"Retry-After": retry})
            return
        await self.app(scope, receive, send)


# Pages inline their scripts and styles (they must work offline, from a file too), and load
# nothing from anywhere else.
_PAGE_POLICY = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                "base-uri 'none'; form-action 'none'")


class SecurityHeaders:
    """nosniff and no referrer on every answer; on HTML pages also a content security policy and no framing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                content_type = Headers(raw=headers).get("content-type", "")
                if content_type.startswith("text/html"):
                    extra += [(b"content-security-policy", _PAGE_POLICY.encode()), (b"x-frame-options", b"DENY")]
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


# By endpoint: a function lives as long as its module, where an id() of a route of an app gone
# could name another route later.
_QUERY_NAMES: dict[Callable[..., Any], tuple[frozenset[str], frozenset[str]]] = {}


def _takes_many(annotation: Any) -> bool:
    """Whether a parameter's type is a list (optional or annotated, too)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _takes_many(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return any(_takes_many(a) for a in get_args(annotation) if a is not type(None))
    return origin in (list, tuple, set, frozenset)


def _query_names(route: APIRoute) -> tuple[frozenset[str], frozenset[str]]:
    """The query parameters a route and its dependencies declare, and those of them that take one
    value (worked out once per endpoint)."""
    found = _QUERY_NAMES.get(route.endpoint)
    if found is None:
        names: set[str] = set()
        single: set[str] = set()
        todo = [route.dependant]
        while todo:
            dependant = todo.pop()
            names.update(field.alias for field in dependant.query_params)
            single.update(field.alias for field in dependant.query_params
                          if not _takes_many(field.field_info.annotation))
            todo.extend(dependant.dependencies)
        found = _QUERY_NAMES[route.endpoint] = (frozenset(names), frozenset(single))
    return found


async def known_query_parameters(request: Request) -> None:
    """A query parameter no route declares is a typo to report (`max_depht=3`), never ignored; one
    that takes a value given twice (`mode=merge&mode=replace`) is refused, not read as the last."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    names, single = _query_names(route)
    unknown = sorted(set(request.query_params) - names)
    if unknown:
        raise BadParameter(f"{', '.join(unknown)}: unknown query parameter",
                           [{"field": name, "reason": "unknown query parameter"} for name in unknown])
    repeated = sorted(n for n in single & set(request.query_params) if len(request.query_params.getlist(n)) > 1)
    if repeated:
        raise BadParameter(f"{', '.join(repeated)}: given more than once, takes one value",
                           [{"field": name, "reason": "given more than once"} for name in repeated])
