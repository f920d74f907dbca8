"""Reading a model document from a request body, within a size bound."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from app.errors import PayloadTooLarge
from app.model.codec import parse_document


async def read_document(request: Request, max_bytes: int) -> Any:
    """The request body as a document (JSON, or YAML by Content-Type), refusing bodies past `max_bytes`."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"body: {declared} bytes is more than the {max_bytes} accepted")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"body: more than the {max_bytes} bytes accepted")
        chunks.append(chunk)
    return parse_document(b"".join(chunks), request.headers.get("content-type", "application/json"))
