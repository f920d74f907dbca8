"""A model as the ArchiMate tools hold it: elements and relationships with ArchiMate types and
string properties. Every reader makes one, every writer takes one: the mapping to and from
sigraph's document (app/formats/translate.py) is written once for all formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ValueKind = Literal["string", "number", "boolean"]


@dataclass(frozen=True)
class Property:
    key: str
    value: str
    kind: ValueKind = "string"  # the exchange format's property definition type; CSV has none


@dataclass
class Element:
    id: str
    type: str  # the exchange format's name: BusinessActor, Product, ...
    names: dict[str, str] = field(default_factory=dict)  # language ("" when none) -> name
    documentation: dict[str, str] = field(default_factory=dict)
    properties: list[Property] = field(default_factory=list)


@dataclass
class Relationship:
    id: str
    type: str  # the exchange format's name: Serving, Realization, ...
    source: str
    target: str
    names: dict[str, str] = field(default_factory=dict)
    documentation: dict[str, str] = field(default_factory=dict)
    properties: list[Property] = field(default_factory=list)


@dataclass
class ForeignModel:
    name: str = "sigraph model"
    elements: list[Element] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


def normal_type(raw: str) -> str:
    """`archimate:ServingRelationship` (Archi) or `ServingRelationship` (Archi's CSV) as the
    exchange format's `Serving`; element types are the same in every format."""
    name = raw.split(":", 1)[-1].strip()
    return name.removesuffix("Relationship") if name.endswith("Relationship") and name != "Relationship" else name


def pick(texts: dict[str, str], lang: str) -> str | None:
    """The text in `lang`, else one without a language, else the first."""
    if not texts:
        return None
    return texts.get(lang) or texts.get("") or next(iter(texts.values()))
