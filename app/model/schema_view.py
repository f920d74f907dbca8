"""The schema in force, as `GET /api/v1/schema` shows it (read from app.schema)."""

from __future__ import annotations

from app.model.answers import ElementTypeView, RelationRuleView, SchemaView
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


def schema_view() -> SchemaView:
    return SchemaView(
        pillars={p: [t for t in ElementType if PILLAR_OF[t] == p] for p in Pillar},
        element_types=[ElementTypeView(type=t, pillar=PILLAR_OF[t]) for t in ElementType],
        relationships=[
            RelationRuleView(type=t, sources=sorted(r.sources), targets=sorted(r.targets), dependency=r.dependency,
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
