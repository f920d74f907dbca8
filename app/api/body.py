"""Reading a model document from a request: JSON, or YAML with `Content-Type: application/yaml`."""

from __future__ import annotations

import json
from typing import Any

import yaml
from fastapi import Request

from app.errors import BadParameter, PayloadTooLarge

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}


def parse_document(raw: bytes, content_type: str) -> Any:
    """Parse JSON or YAML; a syntax error is a 400 that says where."""
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in YAML_TYPES:
            return yaml.safe_load(raw) if raw.strip() else {}
        return json.loads(raw)
    except yaml.YAMLError as e:
        raise BadParameter(f"body: not valid YAML: {e}", [{"field": "body", "reason": str(e)}]) from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BadParameter(f"body: not valid JSON: {e}", [{"field": "body", "reason": str(e)}]) from e


async def read_document(request: Request, max_bytes: int) -> Any:
    """The request body as a document, refusing bodies past `max_bytes`."""
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
