"""One renderer for every error: `{"error": {"code", "message", "details"}}` (spec/api.md)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from app.api.access import PAGE_COOKIE
from app.errors import SigraphError, Unauthorized, client_location
from viz.page import render_sign_in

log = logging.getLogger("sigraph")

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
               415: "unsupported_media_type", 422: "invalid_input", 429: "too_many_requests",
               503: "database_unavailable"}


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# POST, but a question, not a write
_READS = frozenset({("POST", "/api/v1/impact")})


def log_refused(method: str, path: str, who: str, status: int, message: str) -> None:
    """A refused write leaves no audit record; it is logged instead (never with its token)."""
    if method in WRITE_METHODS and (method, path) not in _READS:
        log.warning("write refused: %s %s by %s: %s %s", method, path, who, status, message)


def _who(request: Request) -> str:
    caller = getattr(request.state, "caller", None)
    return caller.actor if caller is not None else "(no valid key)"


def _printable(value: Any) -> Any:
    """Text a client sent, fit to echo: lone surrogates (which UTF-8 cannot carry) become U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v) for v in value]
    return value


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": _printable(message), "details": _printable(details or [])}}


def _field(loc: tuple[Any, ...]) -> str:
    """`("query", "max_depth")` → `max_depth`; `("body", "failed", 0)` → `failed[0]`."""
    parts = [p for p in client_location(loc) if p not in ("body", "query", "path", "header")]
    text = ""
    for p in parts:
        text += f"[{p}]" if isinstance(p, int) else (f".{p}" if text else str(p))
    return text or ".".join(str(p) for p in loc)


def _detail(error: Any) -> dict[str, str]:
    """One refusal: the field as the client wrote it, and why; a body that is no JSON at all names the body."""
    if error.get("type") == "json_invalid":
        where = error["loc"][-1] if isinstance(error["loc"][-1], int) else None
        reason = f"not valid JSON: {error.get('ctx', {}).get('error', error['msg'])}"
        return {"field": "body", "reason": reason + (f" (at character {where})" if where is not None else "")}
    return {"field": _field(tuple(error["loc"])), "reason": error["msg"]}


def _wants_page(request: Request) -> bool:
    """A browser opening a picture or the start page."""
    page = request.url.path == "/" or request.url.path.startswith("/viz")
    return page and request.method == "GET" and "text/html" in request.headers.get("accept", "")


async def _sigraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SigraphError)
    log_refused(request.method, request.url.path, _who(request), exc.status, exc.message)
    if isinstance(exc, Unauthorized) and _wants_page(request):
        return HTMLResponse(render_sign_in(exc.message, PAGE_COOKIE), status_code=401, headers=exc.headers)
    return JSONResponse(error_body(exc.code, exc.message, exc.details), status_code=exc.status, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [_detail(e) for e in exc.errors()]
    message = "; ".join(f"{d['field']}: {d['reason']}" for d in details)
    log_refused(request.method, request.url.path, _who(request), 422, message)
    return JSONResponse(error_body("invalid_input", message, details), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "error")
    log_refused(request.method, request.url.path, _who(request), exc.status_code, str(exc.detail))
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:  # every method of the path, not only those of the first route found
        headers["Allow"] = ", ".join(allowed_methods(request.url.path))
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code, headers=headers or None)


def allowed_methods(path: str) -> list[str]:
    from app.api.routes import api_routes  # the routes import this module's helpers

    return sorted({m for r in api_routes() if r.path_regex.match(path) for m in r.methods or ()})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error in %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", "an unexpected error occurred; it was logged"),
                        status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SigraphError, _sigraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
