"""Model documents as bytes: JSON, or YAML (`application/yaml`, `.yaml` files).

Parsing is bounded: at most `max_items` objects (each element and relation is one), counted as
they are read so a huge document stops early; YAML anchors and aliases are refused (an alias
can expand a small file into millions of items); nesting past the interpreter's depth is a 400.
YAML is read with libyaml's C parser where it is installed, composed in Python (see _event_loader).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from app.errors import BadParameter, PayloadTooLarge

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
DEFAULT_MAX_ITEMS = 1_000_000


class _TooMany(Exception):
    pass


class _Alias(Exception):
    pass


def _too_many(max_items: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"body: more than the {max_items} objects accepted (SIGRAPH_MAX_ITEMS)",
                           [{"field": "body", "reason": f"more than {max_items} objects"}])


def _event_loader() -> type:
    """libyaml's C parser for the events, PyYAML's own composer and safe constructor above it.

    libyaml's C composer would build the whole node tree in one call that holds the interpreter
    lock (3 s for 3 MB here, the service frozen meanwhile); composing event by event in Python
    costs about as much in all and lets the other threads run between events."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # no libyaml: the pure-Python parser
        return yaml.SafeLoader

    class EventLoader(CParser, Composer, SafeConstructor, Resolver):
        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        check_node = Composer.check_node
        get_node = Composer.get_node

    return EventLoader


class _BoundedLoader(_event_loader()):  # type: ignore[misc]
    """Safe YAML that refuses aliases and counts mappings as it composes them."""

    max_items = DEFAULT_MAX_ITEMS

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.objects = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _Alias
        return Composer.compose_node(self, parent, index)

    def compose_mapping_node(self, anchor: Any) -> Any:
        self.objects += 1
        if self.objects > self.max_items:
            raise _TooMany
        return Composer.compose_mapping_node(self, anchor)


def _yaml(raw: bytes, max_items: int) -> Any:
    # text, not bytes: libyaml reading bytes held the interpreter lock for 0.1 s per 3 MB up front
    loader = _BoundedLoader(raw.decode("utf-8-sig"))
    loader.max_items = max_items
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _json(raw: bytes, max_items: int) -> Any:
    seen = 0

    def count(obj: dict[str, Any]) -> dict[str, Any]:
        nonlocal seen
        seen += 1
        if seen > max_items:
            raise _TooMany
        return obj

    return json.loads(raw, object_hook=count)


def parse_document(raw: bytes, content_type: str, *, max_items: int = DEFAULT_MAX_ITEMS) -> Any:
    """Parse JSON or YAML; a syntax error is a 400 that says where, too many objects a 413."""
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in YAML_TYPES:
            return _yaml(raw, max_items) if raw.strip() else {}
        return _json(raw, max_items)
    except _TooMany:
        raise _too_many(max_items) from None
    except _Alias:
        raise BadParameter("body: YAML anchors and aliases are not accepted; write each item out",
                           [{"field": "body", "reason": "YAML alias"}]) from None
    except RecursionError:
        raise BadParameter("body: nested too deep", [{"field": "body", "reason": "nested too deep"}]) from None
    except yaml.YAMLError as e:
        raise BadParameter(f"body: not valid YAML: {e}", [{"field": "body", "reason": str(e)}]) from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BadParameter(f"body: not valid JSON: {e}", [{"field": "body", "reason": str(e)}]) from e
    except ValueError as e:  # an integer of more digits than Python converts (4,300), a YAML date past 9999...
        reason = "a number too long to read (over 4,300 digits)" if "digits" in str(e) else f"not readable: {e}"
        raise BadParameter(f"body: {reason}", [{"field": "body", "reason": reason}]) from None


def read_document_file(path: Path | Traversable, *, max_items: int = DEFAULT_MAX_ITEMS) -> Any:
    """A model document from a .json, .yaml or .yml file (a shipped one too)."""
    media = "application/yaml" if path.name.lower().endswith((".yaml", ".yml")) else "application/json"
    return parse_document(path.read_bytes(), media, max_items=max_items)


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
