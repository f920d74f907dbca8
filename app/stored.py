"""How the model is stored in Neo4j, read and written by every layer above: the stored form of
elements and relations (maps as JSON text, dates as ISO text) and the rule that turns a
redundancy group's `min_up` into a member count."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

# Document fields that are maps, stored as JSON text under these property names.
JSON_PROPERTIES = {"attributes": "attributes_json", "targets": "targets_json",
                   "measurements": "measurements_json"}
# Property names an element document may not use: the stored JSON names, and `relations`,
# under which GET shows an element's relationships.
ELEMENT_RESERVED = frozenset({*JSON_PROPERTIES.values(), "relations"})


def element_to_properties(doc: dict[str, Any]) -> dict[str, Any]:
    """An element document (unset fields left out) as the node's stored properties."""
    props = {k: v for k, v in doc.items() if k not in JSON_PROPERTIES}
    for field, stored in JSON_PROPERTIES.items():
        if doc.get(field) is not None:
            props[stored] = json.dumps(doc[field], sort_keys=True)
    return props


def element_from_properties(props: dict[str, Any]) -> dict[str, Any]:
    """A stored node's properties back as the document form: id, type, name first, then sorted."""
    doc = {k: v for k, v in props.items() if k not in ELEMENT_RESERVED}
    for field, stored in JSON_PROPERTIES.items():
        if stored in props:
            doc[field] = json.loads(props[stored])
    return {"id": doc.pop("id"), "type": doc.pop("type"), "name": doc.pop("name"), **dict(sorted(doc.items()))}


def relation_to_properties(props: dict[str, Any]) -> dict[str, Any]:
    """A relation's properties (unset ones left out) as stored: dates as ISO text."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in props.items()}


def relation_from_properties(source: str, rel_type: str, target: str, props: dict[str, Any]) -> dict[str, Any]:
    """A stored relationship back as the document form."""
    return {"from": source, "type": rel_type, "to": target, **dict(sorted(props.items()))}


def resolve_min_up(value: int | str | None, group_size: int) -> int:
    """A group's min_up as a member count: unset is 1, "50%" is a share rounded up, "2" is 2."""
    if value is None:
        return 1
    if isinstance(value, str):
        text = value.strip()
        if not text.endswith("%"):
            return int(float(text))  # a count sent as a string, e.g. from YAML
        share = float(text.rstrip("%"))
        return math.ceil(group_size * share / 100 - 1e-9)
    return int(value)
