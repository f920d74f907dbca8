"""The access rule of every route: the role it needs, or that it is public (docs/security.md).

Routes declare their rule with one of the dependencies below (`Reader`, `Editor`, `Admin`,
`Public`); a test walks the app's route table and fails for a route without one. The rule
also documents the route in OpenAPI (its role, 401/403).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request, Security
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.access.callers import ANONYMOUS_READER, Caller, authenticate
from app.access.roles import Role
from app.errors import Forbidden, Unauthorized, UnsupportedMediaType

PUBLIC = "public"
# The cookie a browser gets from the pictures' sign-in (GET and HEAD only: it never writes).
PAGE_COOKIE = "sigraph_key"
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-.~+/]{1,200}=*$")

# Declares the scheme in OpenAPI (the "Authorize" button of /docs); the header is read below.
bearer = HTTPBearer(auto_error=False, scheme_name="key",
                    description="An API key: `Authorization: Bearer <token>` (`sigraph keys create`)")


def _token(request: Request) -> str | None:
    """The token the request presents: the Authorization header, or for a page read the cookie."""
    header = request.headers.get("authorization")
    if header is None:  # the cookie only reads: a write never rides on what a browser sends by itself
        return (request.cookies.get(PAGE_COOKIE) or None) if request.method in ("GET", "HEAD") else None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Authorization: send `Bearer <token>`")
    if not _TOKEN_SHAPE.match(token):
        raise Unauthorized("unknown or revoked key")
    return token


async def authorize(request: Request, needed: Role) -> Caller:
    """The caller, if its key may do what needs `needed`: else 401 (no key, unknown, revoked) or 403.
    An open read takes no thread and asks no database; a key is looked up in a worker thread."""
    token = _token(request)
    if token is None:
        if needed == Role.READER and request.app.state.settings.auth_mode == "writes":
            return ANONYMOUS_READER
        raise Unauthorized("this needs a key: send `Authorization: Bearer <token>`")
    caller: Caller | None = getattr(request.state, "caller", None)  # looked up already (app/api/cached_reads.py)
    if caller is None:
        caller = await anyio.to_thread.run_sync(authenticate, request.app.state.db, request.app.state.scopes, token)
    if caller is None:
        raise Unauthorized("unknown or revoked key")
    if not caller.role.allows(needed):
        what = "a partner key" if caller.organization else f"a {caller.role} key"
        raise Forbidden(f"key {caller.name!r} is {what}; this needs the {needed} role")
    return caller


def requires(role: Role) -> Callable[..., Awaitable[Caller]]:
    """A dependency that lets through callers whose role allows `role`."""

    async def check(request: Request, _: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> Caller:
        caller = await authorize(request, role)
        request.state.caller = caller  # for the log line of a refused write
        return caller

    check.access = role  # type: ignore[attr-defined]
    check.__name__ = f"requires_{role}"
    return check


def requires_internal_reader() -> Callable[..., Awaitable[Caller]]:
    """A reader that is not a partner: the model's history and scenarios show the whole model."""
    read = requires(Role.READER)

    async def check(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None,
                                                              Security(bearer)]) -> Caller:
        caller = await read(request, credentials)
        refuse_partners(caller, "the model's history")
        return caller

    check.access = Role.READER  # type: ignore[attr-defined]
    return check


def refuse_partners(caller: Caller, what: str) -> None:
    """403 for a partner key: it sees its scope of the live model only."""
    if caller.organization:
        raise Forbidden(f"key {caller.name!r} is a partner key; {what} is not shown to partners")


async def public() -> None:
    """A route anyone may call (only /health)."""


public.access = PUBLIC  # type: ignore[attr-defined]

Reader = Annotated[Caller, Depends(requires(Role.READER))]
Editor = Annotated[Caller, Depends(requires(Role.EDITOR))]
Admin = Annotated[Caller, Depends(requires(Role.ADMIN))]
Public = Depends(public)
InternalReader = Annotated[Caller, Depends(requires_internal_reader())]


def _marked(route: APIRoute, attribute: str) -> Any:
    """The first dependency of the route carrying `attribute`, its value; None when there is none."""
    todo = list(route.dependant.dependencies)
    while todo:
        dependency = todo.pop()
        value = getattr(dependency.call, attribute, None)
        if value is not None:
            return value
        todo.extend(dependency.dependencies)
    return None


def access_of(route: APIRoute) -> Role | str | None:
    """The rule a route declares: a Role, PUBLIC, or None when it declares none."""
    return _marked(route, "access")  # type: ignore[no-any-return]


def media_types_of(route: APIRoute) -> tuple[str, ...] | None:
    """The Content-Types a route's body may have; None for a route without a body."""
    return _marked(route, "media_types")  # type: ignore[no-any-return]


# -- what a write may send ------------------------------------------------------------------------

JSON = "application/json"
YAML = "application/yaml"


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return request.headers.get("transfer-encoding") is not None or (length is not None and length.strip() != "0")


def accepts(*media_types: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency refusing (415) a body of any other Content-Type, a missing one included: a
    browser form or a `no-cors` fetch can then never write (they cannot send these types
    without a CORS preflight)."""

    async def check(request: Request) -> None:
        if not _has_body(request):
            return
        sent = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if sent not in media_types:
            raise UnsupportedMediaType(
                f"Content-Type: send {' or '.join(media_types)}" + (f", not {sent}" if sent else ""),
                [{"field": "Content-Type", "reason": f"{sent or 'missing'} is not accepted here"}])

    check.media_types = media_types  # type: ignore[attr-defined]
    return check


# Declared after the caller in a route's signature, so a request without a key is a 401 first.
JsonBody = Annotated[None, Depends(accepts(JSON))]
