"""The Open Group ArchiMate Model Exchange File Format (ArchiMate 3.x), read and written.

Reading is hardened: no DTD, no entity, no external reference is ever resolved (defusedxml),
so a billion-laughs or an external-entity file is refused at once.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import cast

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.errors import InvalidInput
from app.formats.foreign import Element, ForeignModel, Property, Relationship, ValueKind, normal_type

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
_KINDS: dict[str, ValueKind] = {"number": "number", "boolean": "boolean"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def bad_xml(reason: str, line: int | None = None, column: int | None = None) -> InvalidInput:
    where = f"line {line}, column {column}: " if line is not None else ""
    return InvalidInput(f"body: {where}{reason}", [{"field": "body", "reason": f"{where}{reason}"}])


def parse_xml(raw: bytes) -> ET.Element:
    """Well-formed XML without DTD or entities, else a 422 saying where."""
    try:
        return cast(ET.Element, fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True))
    except ET.ParseError as e:
        line, column = e.position
        reason = str(e).rsplit(": line", 1)[0]  # the position is said in front
        raise bad_xml(f"XML {reason}", line, column) from None
    except DefusedXmlException as e:
        raise bad_xml(f"refused: {type(e).__name__} (DTDs and entities are not accepted)") from None
    except (LookupError, ValueError) as e:  # an encoding the XML declaration names and Python has not
        raise bad_xml(f"XML not readable: {e}") from None


def _texts(node: ET.Element, tag: str) -> dict[str, str]:
    return {child.get(f"{{{XML}}}lang", ""): child.text or "" for child in node.findall(_q(tag))}


def _properties(node: ET.Element, definitions: dict[str, tuple[str, ValueKind]]) -> list[Property]:
    found = []
    for prop in node.findall(f"{_q('properties')}/{_q('property')}"):
        key, kind = definitions.get(prop.get("propertyDefinitionRef", ""), ("", "string"))
        value = prop.find(_q("value"))
        if key:
            found.append(Property(key, (value.text or "") if value is not None else "", kind))
    return found


def read_exchange(raw: bytes) -> ForeignModel:
    """An exchange file as a foreign model; a file that is not one is a 422."""
    root = parse_xml(raw)
    if root.tag != _q("model"):
        raise bad_xml(f"not an ArchiMate 3.x exchange file: the root is {root.tag}, not a model in {NS}")
    definitions: dict[str, tuple[str, ValueKind]] = {}
    for definition in root.findall(f"{_q('propertyDefinitions')}/{_q('propertyDefinition')}"):
        names = _texts(definition, "name")
        definitions[definition.get("identifier", "")] = (
            next(iter(names.values()), ""), _KINDS.get(definition.get("type", ""), "string"))
    model = ForeignModel(name=next(iter(_texts(root, "name").values()), "model"))
    xsi_type = f"{{{XSI}}}type"
    for node in root.findall(f"{_q('elements')}/{_q('element')}"):
        model.elements.append(Element(
            id=node.get("identifier", ""), type=normal_type(node.get(xsi_type, "")), names=_texts(node, "name"),
            documentation=_texts(node, "documentation"), properties=_properties(node, definitions)))
    for node in root.findall(f"{_q('relationships')}/{_q('relationship')}"):
        model.relationships.append(Relationship(
            id=node.get("identifier", ""), type=normal_type(node.get(xsi_type, "")), source=node.get("source", ""),
            target=node.get("target", ""), names=_texts(node, "name"), documentation=_texts(node, "documentation"),
            properties=_properties(node, definitions)))
    return model


# -- out --------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        child = ET.SubElement(parent, _q(tag), {f"{{{XML}}}lang": lang} if lang else {})
        child.text = text


def write_exchange(model: ForeignModel) -> bytes:
    """The model as an exchange file (valid against The Open Group's archimate3_Diagram.xsd)."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q("model"), {"identifier": "sigraph-model", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    _text(root, "name", {"en": model.name})
    definitions: dict[tuple[str, ValueKind], str] = {}

    def properties(parent: ET.Element, props: list[Property]) -> None:
        if not props:
            return
        holder = ET.SubElement(parent, _q("properties"))
        for prop in props:
            ref = definitions.setdefault((prop.key, prop.kind), f"propid-{len(definitions) + 1}")
            value = ET.SubElement(ET.SubElement(holder, _q("property"), {"propertyDefinitionRef": ref}), _q("value"))
            value.text = prop.value

    if model.elements:
        elements = ET.SubElement(root, _q("elements"))
        for e in model.elements:
            node = ET.SubElement(elements, _q("element"), {"identifier": e.id, f"{{{XSI}}}type": e.type})
            _text(node, "name", e.names)
            _text(node, "documentation", e.documentation)
            properties(node, e.properties)
    if model.relationships:
        relationships = ET.SubElement(root, _q("relationships"))
        for r in model.relationships:
            node = ET.SubElement(relationships, _q("relationship"), {
                "identifier": r.id, "source": r.source, "target": r.target, f"{{{XSI}}}type": r.type})
            _text(node, "name", r.names)
            _text(node, "documentation", r.documentation)
            properties(node, r.properties)
    if definitions:
        holder = ET.SubElement(root, _q("propertyDefinitions"))
        for (key, kind), ref in definitions.items():
            definition = ET.SubElement(holder, _q("propertyDefinition"), {"identifier": ref, "type": kind})
            _text(definition, "name", {"": key})
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
