"""Domain errors, each with its HTTP status; one handler renders them (spec/api.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar


class SigraphError(Exception):
    """Base of every error a client can cause or must be told about."""

    status = 400
    code = "bad_request"
    headers: ClassVar[dict[str, str] | None] = None

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class InvalidInput(SigraphError):
    """A request or document that breaks the model's rules (names the field and why)."""

    status = 422
    code = "invalid_input"


class BadParameter(SigraphError):
    """A query parameter out of its bounds."""

    status = 400
    code = "bad_parameter"


class NotFound(SigraphError):
    status = 404
    code = "not_found"


class Conflict(SigraphError):
    status = 409
    code = "conflict"


class Gone(SigraphError):
    """Something that existed and is no longer kept (history past its retention)."""

    status = 410
    code = "gone"


class PayloadTooLarge(SigraphError):
    status = 413
    code = "payload_too_large"


class DatabaseUnavailable(SigraphError):
    status = 503
    code = "database_unavailable"
    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "2"}


class ModelTooLarge(SigraphError):
    """A graph-wide question about a model past what one service process may hold in memory."""

    status = 503
    code = "model_too_large"


class QueryTimeout(SigraphError):
    """The server stopped a query at SIGRAPH_QUERY_TIMEOUT_S."""

    status = 504
    code = "query_timeout"


class MigrationError(RuntimeError):
    """The migration chain in the database disagrees with the files (e.g. an edited applied file)."""


class Unauthorized(SigraphError):
    """No key, or a key nobody knows or that was revoked."""

    status = 401
    code = "unauthorized"
    headers: ClassVar[dict[str, str] | None] = {"WWW-Authenticate": 'Bearer realm="sigraph"'}


class Forbidden(SigraphError):
    """A known key whose role may not do this."""

    status = 403
    code = "forbidden"


class UnsupportedMediaType(SigraphError):
    status = 415
    code = "unsupported_media_type"


class TooManyRequests(SigraphError):
    status = 429
    code = "too_many_requests"


# The names pydantic gives the members of a union in an error's location (`constrained-int`,
# `function-after[_unicode(), str]`): the validator's, not the client's, so no part of a field.
_UNION_MEMBER = re.compile(r"^(?:[a-z]+(?:-[a-z]+)+(?:\[.*\])?|[a-z-]+\[.*\]|int|float|str|bool)$")


def client_location(loc: Iterable[Any]) -> list[Any]:
    """An error's location as the client wrote it: the union members' names left out."""
    return [p for p in loc if not (isinstance(p, str) and _UNION_MEMBER.match(p))]
