"""GraphML out, for yEd and Gephi: nodes with id, type, pillar and name, edges with their type."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NODE_KEYS = ("label", "name", "type", "pillar")  # Gephi shows `label`; yEd maps any of them


def write_graphml(items: Iterable[tuple[str, dict[str, Any]]]) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}graphml", {
        f"{{{XSI}}}schemaLocation": f"{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    for key in _NODE_KEYS:
        ET.SubElement(root, f"{{{NS}}}key", {"id": key, "for": "node", "attr.name": key, "attr.type": "string"})
    ET.SubElement(root, f"{{{NS}}}key", {"id": "relationship", "for": "edge", "attr.name": "type",
                                         "attr.type": "string"})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "sigraph", "edgedefault": "directed"})
    count = 0
    for kind, item in items:
        if kind == "element":
            node = ET.SubElement(graph, f"{{{NS}}}node", {"id": item["id"]})
            values = {"label": item["name"], "name": item["name"], "type": item["type"], "pillar": item.get("pillar")}
            for key in _NODE_KEYS:
                if values[key] is not None:
                    ET.SubElement(node, f"{{{NS}}}data", {"key": key}).text = str(values[key])
        else:
            count += 1
            edge = ET.SubElement(graph, f"{{{NS}}}edge", {"id": f"e{count}", "source": item["from"],
                                                           "target": item["to"]})
            ET.SubElement(edge, f"{{{NS}}}data", {"key": "relationship"}).text = item["type"]
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
