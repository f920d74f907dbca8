"""Reading a model document from a request body (its size is bounded by the BodyLimit middleware)."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from app.model.codec import parse_document


async def read_document(request: Request) -> Any:
    """The request body as a document: JSON, or YAML by Content-Type."""
    raw = await request.body()
    return parse_document(raw, request.headers.get("content-type", "application/json"))
