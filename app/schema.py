"""The graph vocabulary: element types, pillars, relationship rules (spec/model.md).

Import, validation, analysis, picture legends and tests all read this module;
no second list of types or rules exists anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Pillar(StrEnum):
    ECOSYSTEM = "ecosystem"
    OFFERING = "offering"
    PROCESS = "process"
    INFORMATION = "information"
    TECHNOLOGY = "technology"


class ElementType(StrEnum):
    ORGANIZATION = "Organization"
    REQUIREMENT = "Requirement"
    AGREEMENT = "Agreement"
    SERVICE_PACKAGE = "ServicePackage"
    SERVICE = "Service"
    PRODUCT = "Product"
    PROCESS = "Process"
    INFORMATION_OBJECT = "InformationObject"
    SYSTEM = "System"
    INTEGRATION = "Integration"


PILLAR_OF: dict[ElementType, Pillar] = {
    ElementType.ORGANIZATION: Pillar.ECOSYSTEM,
    ElementType.REQUIREMENT: Pillar.ECOSYSTEM,
    ElementType.AGREEMENT: Pillar.ECOSYSTEM,
    ElementType.SERVICE_PACKAGE: Pillar.OFFERING,
    ElementType.SERVICE: Pillar.OFFERING,
    ElementType.PRODUCT: Pillar.OFFERING,
    ElementType.PROCESS: Pillar.PROCESS,
    ElementType.INFORMATION_OBJECT: Pillar.INFORMATION,
    ElementType.SYSTEM: Pillar.TECHNOLOGY,
    ElementType.INTEGRATION: Pillar.TECHNOLOGY,
}


class RelType(StrEnum):
    INCLUDES = "INCLUDES"
    PROVIDED_BY = "PROVIDED_BY"
    SUPPLIED_BY = "SUPPLIED_BY"
    RUNS_ON = "RUNS_ON"
    DELIVERED_THROUGH = "DELIVERED_THROUGH"
    USES = "USES"
    MASTERED_IN = "MASTERED_IN"
    CONNECTS = "CONNECTS"
    INTERACTS_WITH = "INTERACTS_WITH"
    CONSUMES = "CONSUMES"
    CARRIES = "CARRIES"
    OWNS = "OWNS"
    REQUIRES = "REQUIRES"
    ATTESTS = "ATTESTS"
    COVERS = "COVERS"
    PROVIDER = "PROVIDER"
    CONSUMER = "CONSUMER"
    SATISFIES = "SATISFIES"
    REMEDIATES = "REMEDIATES"


@dataclass(frozen=True)
class RelRule:
    """Which element types a relationship type may join, and whether it carries dependency."""

    sources: frozenset[ElementType]
    targets: frozenset[ElementType]
    dependency: bool
    description: str

    def allows(self, source: ElementType, target: ElementType) -> bool:
        return source in self.sources and target in self.targets


T = ElementType
_ALL = frozenset(ElementType)


def _types(*types: ElementType) -> frozenset[ElementType]:
    return frozenset(types)


REL_RULES: dict[RelType, RelRule] = {
    # (:ServicePackage)-[:INCLUDES]->(:Service|Product|ServicePackage)
    RelType.INCLUDES: RelRule(
        _types(T.SERVICE_PACKAGE), _types(T.SERVICE, T.PRODUCT, T.SERVICE_PACKAGE), True,
        "a package includes a service element, a product or a sub-package"),
    # (:Service|Product|System|Process|Integration)-[:PROVIDED_BY]->(:Organization)
    RelType.PROVIDED_BY: RelRule(
        _types(T.SERVICE, T.PRODUCT, T.SYSTEM, T.PROCESS, T.INTEGRATION), _types(T.ORGANIZATION), True,
        "the organisation that provides the element"),
    # (:Organization)-[:SUPPLIED_BY]->(:Organization)
    RelType.SUPPLIED_BY: RelRule(
        _types(T.ORGANIZATION), _types(T.ORGANIZATION), True,
        "an organisation's supplier or subcontractor"),
    # (:Service|Process|Integration|System)-[:RUNS_ON]->(:System)
    RelType.RUNS_ON: RelRule(
        _types(T.SERVICE, T.PROCESS, T.INTEGRATION, T.SYSTEM), _types(T.SYSTEM), True,
        "the system, platform or host beneath"),
    # (:Service|ServicePackage)-[:DELIVERED_THROUGH]->(:Process)
    RelType.DELIVERED_THROUGH: RelRule(
        _types(T.SERVICE, T.SERVICE_PACKAGE), _types(T.PROCESS), True,
        "the process that delivers the offering"),
    # (:Process|Service|System)-[:USES]->(:InformationObject)
    RelType.USES: RelRule(
        _types(T.PROCESS, T.SERVICE, T.SYSTEM), _types(T.INFORMATION_OBJECT), True,
        "information the element needs"),
    # (:InformationObject)-[:MASTERED_IN]->(:System)   at most one per information object
    RelType.MASTERED_IN: RelRule(
        _types(T.INFORMATION_OBJECT), _types(T.SYSTEM), True,
        "the system that holds the master data"),
    # (:Integration)-[:CONNECTS]->(:System)   both ends
    RelType.CONNECTS: RelRule(
        _types(T.INTEGRATION), _types(T.SYSTEM), True,
        "a system at one end of the integration"),
    # (:Process)-[:INTERACTS_WITH {point}]->(:Process)
    RelType.INTERACTS_WITH: RelRule(
        _types(T.PROCESS), _types(T.PROCESS), True,
        "an interaction point between own and partner processes"),
    # (:Organization)-[:CONSUMES]->(:ServicePackage|Service)
    RelType.CONSUMES: RelRule(
        _types(T.ORGANIZATION), _types(T.SERVICE_PACKAGE, T.SERVICE), True,
        "a customer consumes an offering"),
    # (:Integration)-[:CARRIES]->(:InformationObject)
    RelType.CARRIES: RelRule(
        _types(T.INTEGRATION), _types(T.INFORMATION_OBJECT), True,
        "information the integration moves (sigraph's own, issue 15)"),
    # (:Organization)-[:OWNS]->(any)
    RelType.OWNS: RelRule(
        _types(T.ORGANIZATION), _ALL, False,
        "ownership"),
    # (:ServicePackage|Service|Organization)-[:REQUIRES]->(:Requirement)
    RelType.REQUIRES: RelRule(
        _types(T.SERVICE_PACKAGE, T.SERVICE, T.ORGANIZATION), _types(T.REQUIREMENT), False,
        "an obligation in force"),
    # (:Organization)-[:ATTESTS {status, valid_until, evidence}]->(:Requirement)
    RelType.ATTESTS: RelRule(
        _types(T.ORGANIZATION), _types(T.REQUIREMENT), False,
        "an organisation's attestation of a requirement"),
    # (:Agreement)-[:COVERS]->(:ServicePackage|Service|Product|System|Process)
    RelType.COVERS: RelRule(
        _types(T.AGREEMENT), _types(T.SERVICE_PACKAGE, T.SERVICE, T.PRODUCT, T.SYSTEM, T.PROCESS), False,
        "what an agreement covers"),
    # (:Agreement)-[:PROVIDER]->(:Organization)
    RelType.PROVIDER: RelRule(
        _types(T.AGREEMENT), _types(T.ORGANIZATION), False,
        "the providing party of an agreement"),
    # (:Agreement)-[:CONSUMER]->(:Organization)
    RelType.CONSUMER: RelRule(
        _types(T.AGREEMENT), _types(T.ORGANIZATION), False,
        "the consuming party of an agreement"),
    # (:Service|Product|System)-[:SATISFIES]->(:Requirement)
    RelType.SATISFIES: RelRule(
        _types(T.SERVICE, T.PRODUCT, T.SYSTEM), _types(T.REQUIREMENT), False,
        "an element meets a (functional) requirement"),
    # (:Organization)-[:REMEDIATES {owner, due, status, note, closed_on, closed_by}]->(:Requirement)
    RelType.REMEDIATES: RelRule(
        _types(T.ORGANIZATION), _types(T.REQUIREMENT), False,
        "the remediation of an organisation's compliance gap against a requirement (sigraph's own)"),
}

DEPENDENCY_TYPES: tuple[RelType, ...] = tuple(t for t, rule in REL_RULES.items() if rule.dependency)


class Lifecycle(StrEnum):
    PIPELINE = "pipeline"
    LIVE = "live"
    RETIRED = "retired"


class OrganizationKind(StrEnum):
    INTERNAL = "internal"
    PARTNER = "partner"
    CUSTOMER = "customer"


class OrganizationRole(StrEnum):
    SUPPLIER = "supplier"
    BROKER = "broker"
    INTEGRATOR = "integrator"


class RequirementCategory(StrEnum):
    HUMAN_RIGHTS = "human_rights"
    ENVIRONMENT = "environment"
    ETHICS = "ethics"
    TRANSPARENCY = "transparency"
    SECURITY = "security"
    DATA_PROTECTION = "data_protection"
    FUNCTIONAL = "functional"


# Categories checked by attestation along the supply chain; functional ones are met by SATISFIES.
ATTESTED_CATEGORIES: frozenset[RequirementCategory] = frozenset(RequirementCategory) - {
    RequirementCategory.FUNCTIONAL
}


class AgreementKind(StrEnum):
    SLA = "SLA"
    XLA = "XLA"
    OLA = "OLA"
    UC = "UC"  # underpinning contract


class AttestationStatus(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    UNKNOWN = "unknown"


class RemediationStatus(StrEnum):
    """Where the fixing of a compliance gap stands (REMEDIATES)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ACCEPTED_RISK = "accepted_risk"


class Metric(StrEnum):
    SERVICE_LEVEL = "service_level"
    AVAILABILITY = "availability"
    XLA_SCORE = "xla_score"


TARGET_KEYS: tuple[str, ...] = ("availability", "response_time_h", "resolution_time_h", "satisfaction")
