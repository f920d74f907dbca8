"""Model documents as bytes: JSON, or YAML (`application/yaml`, `.yaml` files)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from app.errors import BadParameter

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}


def parse_document(raw: bytes, content_type: str) -> Any:
    """Parse JSON or YAML; a syntax error is a 400 that says where."""
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in YAML_TYPES:
            return yaml.safe_load(raw) if raw.strip() else {}
        return json.loads(raw)
    except RecursionError:
        raise BadParameter("body: nested too deep", [{"field": "body", "reason": "nested too deep"}]) from None
    except yaml.YAMLError as e:
        raise BadParameter(f"body: not valid YAML: {e}", [{"field": "body", "reason": str(e)}]) from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BadParameter(f"body: not valid JSON: {e}", [{"field": "body", "reason": str(e)}]) from e


def read_document_file(path: Path) -> Any:
    """A model document from a .json, .yaml or .yml file."""
    media = "application/yaml" if path.suffix.lower() in {".yaml", ".yml"} else "application/json"
    return parse_document(path.read_bytes(), media)


def export_json_chunks(items: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[bytes]:
    """`{"elements": [...], "relations": [...]}` written item by item."""
    yield b'{"elements": ['
    section, first = "element", True
    for kind, item in items:
        if kind != section:
            yield b'], "relations": ['
            section, first = kind, True
        yield (b"" if first else b",\n") + json.dumps(item, ensure_ascii=False).encode()
        first = False
    if section == "element":
        yield b'], "relations": ['
    yield b"]}\n"
