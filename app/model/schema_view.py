"""The schema in force, as `GET /api/v1/schema` shows it (read from app.schema)."""

from __future__ import annotations

from pydantic import BaseModel

from app.schema import (
    PILLAR_OF,
    REL_RULES,
    AgreementKind,
    AttestationStatus,
    ElementType,
    Lifecycle,
    OrganizationKind,
    OrganizationRole,
    Pillar,
    RequirementCategory,
)


class ElementTypeView(BaseModel):
    type: str
    pillar: str


class RelationRuleView(BaseModel):
    type: str
    sources: list[str]
    targets: list[str]
    dependency: bool
    description: str


ID_ALPHABET = ("1 to 200 characters, not blank; any character but a slash (/), control characters "
               "(U+0000-U+001F, U+007F-U+009F), bidirectional overrides and isolates (U+202A-U+202E, "
               "U+2066-U+2069) and lone surrogates")
NUMBERS = "integers within 64 bits, finite floats (no NaN or Infinity), in properties and attributes too"


class SchemaView(BaseModel):
    id_alphabet: str = ID_ALPHABET
    numbers: str = NUMBERS
    pillars: dict[str, list[str]]
    element_types: list[ElementTypeView]
    relationships: list[RelationRuleView]
    enums: dict[str, list[str]]
    ranges: dict[str, list[float]]


def schema_view() -> SchemaView:
    return SchemaView(
        pillars={p.value: [t.value for t in ElementType if PILLAR_OF[t] == p] for p in Pillar},
        element_types=[ElementTypeView(type=t.value, pillar=PILLAR_OF[t].value) for t in ElementType],
        relationships=[
            RelationRuleView(type=t.value, sources=sorted(s.value for s in r.sources),
                             targets=sorted(s.value for s in r.targets), dependency=r.dependency,
                             description=r.description)
            for t, r in REL_RULES.items()
        ],
        enums={
            "lifecycle": [v.value for v in Lifecycle],
            "organization_kind": [v.value for v in OrganizationKind],
            "organization_roles": [v.value for v in OrganizationRole],
            "requirement_category": [v.value for v in RequirementCategory],
            "agreement_kind": [v.value for v in AgreementKind],
            "attestation_status": [v.value for v in AttestationStatus],
        },
        ranges={"service_level": [1, 4], "availability": [0, 1], "xla_score": [1, 5],
                "targets.availability": [0, 1], "targets.satisfaction": [1, 5]},
    )
