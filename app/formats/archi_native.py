"""Archi's own model file (`.archimate`): its elements, relationships and properties; its
folders and diagrams are not model content and are passed over."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.formats.exchange import XSI, bad_xml, parse_xml
from app.formats.foreign import Element, ForeignModel, Property, Relationship, normal_type

ARCHI_NS = "http://www.archimatetool.com/archimate"
_VIEWS = {"ArchimateDiagramModel", "SketchModel", "CanvasModel", "DiagramModelReference", "DiagramObject",
          "Connection", "Group", "Note", "DiagramModelImage", "SketchModelSticky", "SketchModelActor"}


def _documentation(node: ET.Element) -> dict[str, str]:
    doc = node.find("documentation")
    return {"": doc.text or ""} if doc is not None and doc.text else {}


def _properties(node: ET.Element) -> list[Property]:
    return [Property(p.get("key", ""), p.get("value", "")) for p in node.findall("property") if p.get("key")]


def read_archi(raw: bytes) -> ForeignModel:
    """An Archi model file as a foreign model; another file is a 422."""
    root = parse_xml(raw)
    if root.tag != f"{{{ARCHI_NS}}}model":
        raise bad_xml(f"not an Archi model file: the root is {root.tag}, not a model in {ARCHI_NS}")
    model = ForeignModel(name=root.get("name", "model"))
    for node in root.iter("element"):
        kind = node.get(f"{{{XSI}}}type", "")
        name = kind.split(":", 1)[-1]
        if name in _VIEWS:
            continue
        names = {"": node.get("name", "")} if node.get("name") else {}
        if node.get("source") is not None and node.get("target") is not None:
            model.relationships.append(Relationship(
                id=node.get("id", ""), type=normal_type(kind), source=node.get("source", ""),
                target=node.get("target", ""), names=names, documentation=_documentation(node),
                properties=_properties(node)))
        else:
            model.elements.append(Element(id=node.get("id", ""), type=normal_type(kind), names=names,
                                          documentation=_documentation(node), properties=_properties(node)))
    return model
