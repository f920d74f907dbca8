"""A foreign model as a sigraph document, and the whole model as a foreign one (docs/archimate.md).

Properties. On import, `sigraph.<key>` properties (written by sigraph's own export) carry the
field exactly, as JSON; the known keys (`lifecycle`, `service_level`, `availability`,
`xla_score`, `kind`, `category`, `roles`, `tags`; `targets.<key>` on contracts) become the
typed fields; `attributes.<key>` and every other property become attributes. On export each
value goes where its import gives it back unchanged, so importing an export changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from app.formats.foreign import Element, ForeignModel, Property, Relationship, ValueKind, pick
from app.formats.mapping import (
    ELEMENT_TYPES,
    EXPORT_TYPES,
    Mapped,
    dependency_between,
    dependency_ends,
    export_relationship,
    map_relationship,
)
from app.model.answers import Skipped
from app.model.documents import ID_MAX, NAME_MAX, TEXT_MAX, ElementDoc
from app.schema import REL_RULES, ElementType, RelType

OWN = "sigraph."  # properties that carry a sigraph field exactly (JSON)
ATTRIBUTE = "attributes."
TARGET = "targets."
# Known element fields and the Python types they are written plainly for.
ELEMENT_FIELDS: dict[str, tuple[type, ...]] = {
    "lifecycle": (str,), "kind": (str,), "category": (str,), "service_level": (int,),
    "availability": (int, float), "xla_score": (int, float), "roles": (list,), "tags": (list,)}
RELATION_FIELDS: dict[str, tuple[type, ...]] = {
    "redundancy_group": (str,), "min_up": (int,), "status": (str,), "valid_until": (str,),
    "evidence": (str,), "point": (str,)}
_NUMERIC = {"service_level", "availability", "xla_score", "min_up"}
_LISTS = {"roles", "tags"}
_NOT_EXPORTED = {"id", "type", "name", "description", "pillar", "attributes", "targets"}
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_KEY_CHARS = re.compile(r"[^A-Za-z0-9_]+")


# -- in ---------------------------------------------------------------------------------------


# Type names a sigraph.type property may hold (any other JSON value is ignored, as an unknown name is).
_TYPE_NAMES: frozenset[str] = frozenset(t.value for t in ElementType)

def _number(text: str) -> int | float | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _list(text: str) -> list[Any]:
    value = _json(text) if text.lstrip().startswith("[") else None
    return value if isinstance(value, list) else [part.strip() for part in text.split(",") if part.strip()]


def _typed(value: str, kind: ValueKind) -> Any:
    if kind == "number":
        number = _number(value)
        return value if number is None else number
    if kind == "boolean" and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


def attribute_key(key: str) -> str:
    """A property name as an attribute name (letters, digits, _; a letter first; 64 at most)."""
    cleaned = _KEY_CHARS.sub("_", key.strip()).strip("_") or "property"
    return (cleaned if cleaned[0].isalpha() else f"p_{cleaned}")[:64]


def _single_line(text: str, limit: int) -> str:
    """A name on one line: one written on one line is kept as written (spaces around it too, so a
    sigraph export comes back the same); line breaks and tabs become single spaces."""
    if not text.strip():
        return ""
    if not any(c in text for c in "\r\n\t\v\f"):
        return text[:limit]
    return " ".join(text.split())[:limit]


def _field_value(key: str, text: str) -> Any:
    if key in _NUMERIC:
        return _number(text)
    return _list(text) if key in _LISTS else text


def _fits(element_type: ElementType, key: str, value: Any) -> bool:
    """Whether a tool's value is a valid sigraph field of this type (else it stays an attribute)."""
    if value is None:
        return False
    try:
        ElementDoc.model_validate({"id": "x", "type": element_type.value, "name": "x", key: value})
    except ValidationError:
        return False
    return True


def _element_doc(element: Element, element_type: ElementType, lang: str) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    targets: dict[str, Any] = {}
    for prop in element.properties:
        key, value = prop.key, prop.value
        if key.startswith(OWN):
            doc[key[len(OWN):]] = _json(value)
        elif key.startswith(ATTRIBUTE):
            attributes[attribute_key(key[len(ATTRIBUTE):])] = _json(value)
        elif key.startswith(TARGET):
            targets[key[len(TARGET):]] = _typed(value, "number")
        elif key in ELEMENT_FIELDS and _fits(element_type, key, field := _field_value(key, value)):
            doc[key] = field
        else:  # unknown, or a known key whose value sigraph would refuse: kept as an attribute
            attributes[attribute_key(key)] = _typed(value, prop.kind)
    name = _single_line(pick(element.names, lang) or "", NAME_MAX) or element.id
    doc.update({"id": doc.get("id", element.id), "type": element_type.value, "name": name})
    description = pick(element.documentation, lang)
    if description and description.strip():
        doc["description"] = description[:TEXT_MAX]
    # a sigraph.attributes or sigraph.targets that is not a map is left as it is, for the checks to refuse
    if attributes and isinstance(doc.get("attributes", {}), dict):
        doc["attributes"] = {**attributes, **doc.get("attributes", {})}
    if targets and isinstance(doc.get("targets", {}), dict):
        doc["targets"] = {**targets, **doc.get("targets", {})}
    return doc


def _relation_props(relationship: Relationship) -> tuple[RelType | None, dict[str, Any]]:
    rel_type: RelType | None = None
    props: dict[str, Any] = {}
    for prop in relationship.properties:
        if prop.key == f"{OWN}relation":
            try:
                rel_type = RelType(_json(prop.value))
            except ValueError:
                continue
        elif prop.key.startswith(OWN):
            props[prop.key[len(OWN):]] = _json(prop.value)
        elif prop.key in RELATION_FIELDS:
            props[prop.key] = _number(prop.value) if prop.key == "min_up" and _number(prop.value) else prop.value
        else:
            props[attribute_key(prop.key)] = _typed(prop.value, prop.kind)
    return rel_type, props


def _own_orientation(rel: RelType, relationship: Relationship,
                     types: dict[str, ElementType]) -> Mapped | str:
    """A relationship sigraph wrote: its type is known; it may run backwards (see export)."""
    source, target = relationship.source, relationship.target
    if REL_RULES[rel].allows(types[source], types[target]):
        return Mapped(source, rel, target)
    if REL_RULES[rel].allows(types[target], types[source]):
        return Mapped(target, rel, source)
    return f"{rel} cannot join a {types[source]} and a {types[target]}"


# What a service needs that may stand in for it, when an element needs a service in a way
# sigraph cannot say (a process served by an application service runs on what realizes it).
_STAND_INS = frozenset({RelType.RUNS_ON, RelType.DELIVERED_THROUGH, RelType.USES})


class _Relations:
    """The relations made so far: each (from, type, to) once, one master per information object."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.first: dict[tuple[str, str, str], str] = {}
        self.mastered: dict[str, str] = {}

    def add(self, source: str, rel: RelType, target: str, props: dict[str, Any], origin: str) -> str | None:
        """Add it; answer why not when it cannot be."""
        key = (source, rel.value, target)
        if key in self.first:
            return f"the same sigraph relationship as {self.first[key]}"
        if rel == RelType.MASTERED_IN and source in self.mastered:
            return f"{source} already has its master data in {self.mastered[source]}"
        self.first[key] = origin
        if rel == RelType.MASTERED_IN:
            self.mastered[source] = target
        self.items.append({"from": source, "type": rel.value, "to": target, **props})
        return None


def to_document(model: ForeignModel, lang: str) -> tuple[dict[str, Any], list[Skipped]]:
    """The sigraph document of a foreign model, and what had no mapping (with the reason)."""
    skipped: list[Skipped] = []
    elements: list[dict[str, Any]] = []
    types: dict[str, ElementType] = {}
    ids: dict[str, str] = {}
    for element in model.elements:
        own_type = next((_json(p.value) for p in element.properties if p.key == f"{OWN}type"), None)
        element_type = (ElementType(own_type) if isinstance(own_type, str) and own_type in _TYPE_NAMES
                        else ELEMENT_TYPES.get(element.type))
        if element_type is None:
            skipped.append(Skipped(kind="element", id=element.id, type=element.type, name=pick(element.names, lang),
                                   reason=f"no sigraph type for {element.type}"))
            continue
        doc = _element_doc(element, element_type, lang)
        types[element.id], ids[element.id] = element_type, str(doc["id"])[:ID_MAX]
        elements.append(doc)
    relations = _Relations()
    through: list[tuple[Relationship, str, str, str]] = []  # (relationship, dependent, service, reason)
    for relationship in model.relationships:
        reason, mapped, props = _map(relationship, types)
        if mapped is not None:
            refused = relations.add(ids[mapped.source], mapped.type, ids[mapped.target], props, relationship.id)
            if refused is None:
                continue
            reason = refused
        elif (ends := _needs_a_service(relationship, types)) is not None:
            through.append((relationship, *ends, reason))
            continue
        skipped.append(_skipped(relationship, lang, reason))
    for relationship, dependent, service, reason in through:
        if not _stand_in(relationship, ids[dependent], types[dependent], ids[service], relations, types, ids):
            skipped.append(_skipped(relationship, lang, f"{reason}, and nothing the service needs can stand in"))
    return {"elements": elements, "relations": relations.items}, skipped


def _skipped(relationship: Relationship, lang: str, reason: str) -> Skipped:
    return Skipped(kind="relationship", id=relationship.id, type=relationship.type,
                   name=pick(relationship.names, lang), reason=reason)


def _needs_a_service(relationship: Relationship, types: dict[str, ElementType]) -> tuple[str, str] | None:
    """(dependent, service) when an element needs a service by a relationship sigraph cannot map."""
    ends = dependency_ends(relationship.type, relationship.source, relationship.target)
    if ends is None or any(end not in types for end in ends) or types[ends[1]] != ElementType.SERVICE:
        return None
    return ends


def _stand_in(relationship: Relationship, dependent: str, dependent_type: ElementType, service: str,
              relations: _Relations, types: dict[str, ElementType], ids: dict[str, str]) -> bool:
    """Let the dependent need what the service runs on, is delivered through or uses, `via` it."""
    type_of = {ids[foreign]: t for foreign, t in types.items()}
    added = False
    for item in list(relations.items):
        rel = RelType(item["type"])
        if item["from"] != service or rel not in _STAND_INS:
            continue
        stand_in = dependency_between(dependent_type, type_of[item["to"]])
        if stand_in is not None and item["to"] != dependent:
            added |= relations.add(dependent, stand_in, item["to"], {"via": service}, relationship.id) is None
    return added


def _map(relationship: Relationship, types: dict[str, ElementType]) -> tuple[str, Mapped | None, dict[str, Any]]:
    for end, ref in (("source", relationship.source), ("target", relationship.target)):
        if ref not in types:
            return f"its {end} {ref} is not an element sigraph imports", None, {}
    own_type, props = _relation_props(relationship)
    if own_type is not None:
        mapped = _own_orientation(own_type, relationship, types)
    else:
        mapped = map_relationship(relationship.type, relationship.source, types[relationship.source],
                                  relationship.target, types[relationship.target])
        # a tool's own keys stay behind: only redundancy and interaction points carry over
        props = {k: v for k, v in props.items() if k in ("redundancy_group", "min_up", "point")}
    if isinstance(mapped, str):
        return mapped, None, {}
    if not REL_RULES[mapped.type].dependency:
        props.pop("redundancy_group", None)
        props.pop("min_up", None)
    return "", mapped, props


# -- out --------------------------------------------------------------------------------------


def _kind(value: Any) -> ValueKind:
    if isinstance(value, bool):
        return "boolean"
    return "number" if isinstance(value, int | float) else "string"


def _plain(key: str, value: Any, fields: dict[str, tuple[type, ...]]) -> Property:
    """A field written plainly when it has its natural type (lists as JSON), else exactly as JSON."""
    natural = fields.get(key)
    if natural is not None and isinstance(value, natural) and not isinstance(value, bool):
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return Property(key, text, _kind(value) if not isinstance(value, list) else "string")
    return Property(OWN + key, json.dumps(value, ensure_ascii=False))


def _element_properties(doc: dict[str, Any], identifier: str) -> list[Property]:
    props = [Property(f"{OWN}type", json.dumps(doc["type"]))]
    if identifier != doc["id"]:
        props.append(Property(f"{OWN}id", json.dumps(doc["id"], ensure_ascii=False)))
    for key, value in doc.items():
        if key not in _NOT_EXPORTED:
            props.append(_plain(key, value, ELEMENT_FIELDS) if key in ELEMENT_FIELDS
                         else Property(OWN + key, json.dumps(value, ensure_ascii=False)))
    for key, value in (doc.get("targets") or {}).items():
        props.append(Property(TARGET + key, json.dumps(value), "number"))
    for key, value in (doc.get("attributes") or {}).items():
        clashes = key in ELEMENT_FIELDS or attribute_key(key) != key
        if isinstance(value, str) and not clashes:
            props.append(Property(key, value))
        else:
            props.append(Property(ATTRIBUTE + key, json.dumps(value, ensure_ascii=False), _kind(value)))
    return props


def identifier_of(element_id: str) -> str:
    """An id as an XML identifier (xs:ID): itself when it is one, else derived from it."""
    if _NCNAME.match(element_id):
        return element_id
    return "id-" + hashlib.sha256(element_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def to_foreign(items: Iterable[tuple[str, dict[str, Any]]], lang: str) -> ForeignModel:
    """A sigraph model (the export's items) as a foreign model, every value carried over."""
    model = ForeignModel()
    identifiers: dict[str, str] = {}
    types: dict[str, ElementType] = {}
    for kind, item in items:
        if kind == "element":
            identifier = identifiers[item["id"]] = identifier_of(item["id"])
            types[item["id"]] = ElementType(item["type"])
            model.elements.append(Element(
                id=identifier, type=EXPORT_TYPES[ElementType(item["type"])], names={lang: item["name"]},
                documentation={lang: item["description"]} if item.get("description") else {},
                properties=_element_properties(item, identifier)))
        else:
            model.relationships.append(_relationship(item, identifiers, types))
    taken = set(identifiers.values())
    for relationship in model.relationships:  # an element may be named like a relationship: keep both apart
        while relationship.id in taken:
            relationship.id += "-r"
        taken.add(relationship.id)
    return model


def _relationship(item: dict[str, Any], identifiers: dict[str, str], types: dict[str, ElementType]) -> Relationship:
    rel = RelType(item["type"])
    written = export_relationship(rel, types[item["from"]], types[item["to"]])
    source, target = identifiers[item["from"]], identifiers[item["to"]]
    if written.reversed:
        source, target = target, source
    key = "\x00".join((item["from"], rel.value, item["to"]))
    props = [Property(f"{OWN}relation", json.dumps(rel.value))]
    props += [_plain(k, v, RELATION_FIELDS) for k, v in item.items() if k not in ("from", "type", "to")]
    return Relationship(id="rel-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32],
                        type=written.type, source=source, target=target,
                        names={"": rel.value.lower().replace("_", " ")}, properties=props)
