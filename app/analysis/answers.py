"""The answer of every analysis, one pydantic model per shape, field names as in spec/api.md.

Routes return these models as their JSON bodies. Every answer has ``truncated``; every
``path`` is a list of ids from the asked element to the named one (for a partner key, the
steps out of its scope are ``{"redacted": true}``). ``DependencyEdge`` has a
field named ``from`` in JSON (its Python name is ``from_``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from app.model.documents import ID_MAX
from app.schema import ElementType, Lifecycle, Metric, Pillar, RelType, RemediationStatus, RequirementCategory


class Redacted(BaseModel):
    """A step of a path through an element out of a partner key's scope (docs/security.md)."""

    model_config = ConfigDict(frozen=True)

    redacted: Literal[True] = True


REDACTED = Redacted()
# A list of ids from the asked element to the named one; for a partner key, steps out of its
# scope are {"redacted": true}.
if TYPE_CHECKING:
    Path = Sequence[str | Redacted]  # a list of ids is one
else:
    # what pydantic validates: a list (it checks a Sequence item by item through typing, slowly:
    # a third of the time of an answer with a thousand paths, in a profile)
    Path = list[str | Redacted]
Number = int | float
State = Literal["down", "degraded"]
CoveredState = Literal["failed", "down", "degraded"]


class Answer(BaseModel):
    """Base of the answers: accepts field names as well as aliases."""

    model_config = ConfigDict(populate_by_name=True)


class Bounded(Answer):
    """An answer a bound (max_depth, max_tier, result cap) may have cut."""

    truncated: bool = False


# -- dependencies ---------------------------------------------------------------------------


class DependencyNode(Answer):
    id: str
    type: ElementType
    name: str
    pillar: Pillar
    lifecycle: Lifecycle
    depth: int
    path: Path


class DependencyEdge(Answer):
    # "from" is a Python keyword: the field is from_, the JSON key "from" either way
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(validation_alias=AliasChoices("from", "from_"), serialization_alias="from")
    type: RelType
    to: str
    redundancy_group: str | None = None
    min_up: int | None = None  # resolved to a member count; None when not in a group


class DependenciesAnswer(Bounded):
    root: str
    nodes: list[DependencyNode]
    edges: list[DependencyEdge]


# -- impact ---------------------------------------------------------------------------------


class ImpactRequest(BaseModel):
    """The body of POST /impact: the failed set and the bounds of the answer."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"failed": ["org-fieldforce"], "max_depth": 10, "limit": 100, "weights": ["seats", "revenue"]},
        {"failed": ["sys-dc-north"]}]})

    failed: list[Annotated[str, Field(min_length=1, max_length=ID_MAX)]] = Field(min_length=1, max_length=1000)
    max_depth: int | None = Field(default=None, description="1 to SIGRAPH_MAX_DEPTH_LIMIT (else 400)")
    limit: int | None = Field(default=None, description="1 to SIGRAPH_RESULT_LIMIT (else 400)")
    pillar: Pillar | None = Field(default=None, description="answer only affected elements of this pillar")
    type: ElementType | None = Field(default=None, description="answer only affected elements of this type")
    weights: list[Annotated[str, Field(max_length=64)]] | None = Field(
        default=None, max_length=10, description="sum these numeric attributes (seats, revenue) over the customers "
                                                 "and agreements at risk")


class AffectedElement(Answer):
    id: str
    type: ElementType
    name: str
    pillar: Pillar
    state: State
    reason: str
    depth: int  # hops of the shortest dependency chain from this element to a failed one
    path: Path  # from this element to a failed one, along the dependency that decided its state


class CustomerAtRisk(Answer):
    id: str
    name: str
    state: State
    path: Path
    consumes: list[str]  # the offerings it consumes that failed, are down or degraded


class CoveredElement(Answer):
    id: str
    state: CoveredState


class AgreementAtRisk(Answer):
    id: str
    name: str
    kind: str | None
    covered: list[CoveredElement]


class WeightAtRisk(Answer):
    """The sum of one numeric weight (an attribute such as `seats` or `revenue`) over what is at risk."""

    customers: Number
    agreements: Number
    unweighted: list[str] = Field(description="customers and agreements at risk without that weight")


class ImpactAnswer(Bounded):
    failed: list[str]
    affected: list[AffectedElement]
    customers_at_risk: list[CustomerAtRisk]
    agreements_at_risk: list[AgreementAtRisk]
    weights: dict[str, WeightAtRisk] = Field(default_factory=dict, description="for each weight asked (`weights=`)")


# -- single points of failure -----------------------------------------------------------------


class Spof(Answer):
    id: str
    type: ElementType
    name: str
    path: Path


class SpofAnswer(Bounded):
    root: str
    spofs: list[Spof]


class CriticalElement(Answer):
    id: str
    type: ElementType
    name: str
    packages_down: int
    customers_down: int
    weight_down: Number | None = Field(default=None, description="with `rank_by`: the sum of that weight over "
                                                                 "the customers its failure alone takes down")


class CriticalElementsAnswer(Bounded):
    elements: list[CriticalElement]
    unweighted: list[str] | None = Field(default=None, description="with `rank_by`: the customers without that "
                                                                   "weight (counted as none, never as a zero "
                                                                   "silently)")


# -- weakest link -----------------------------------------------------------------------------


class WeakElement(Answer):
    id: str
    type: ElementType
    name: str
    value: Number
    path: Path


class TargetCheck(Answer):
    target: Literal["availability", "satisfaction"]
    required: Number  # the agreement's target
    actual: Number | None  # composite availability, or lowest xla_score; None when nothing to compare
    element: str | None  # the covered element (availability) or the one with the lowest xla_score
    achievable: bool


class AgreementCheck(Answer):
    id: str
    name: str
    kind: str | None
    covers: list[str]
    achievable: bool
    checks: list[TargetCheck]


# -- agreements back to back ------------------------------------------------------------------------


class Breach(Answer):
    """An agreement underneath that cannot keep a time the agreement above promises: a breach by design."""

    underpinning: str
    underpinning_name: str
    underpinning_kind: str | None
    value: Number = Field(description="the underpinning agreement's target, slower than the promise")
    element: str = Field(description="the element the underpinning agreement covers")
    path: Path = Field(description="from the element the agreement covers to that element, along required "
                                   "dependencies")


class TimeCheck(Answer):
    target: Literal["response_time_h", "resolution_time_h"]
    required: Number
    achievable: bool
    breaches: list[Breach]


class Backing(Answer):
    """An agreement checked against what it covers and the agreements underneath it."""

    id: str
    name: str
    kind: str | None
    covers: list[str]
    achievable: bool
    checks: list[TargetCheck] = Field(description="availability (composed) and satisfaction (lowest xla_score)")
    time_checks: list[TimeCheck] = Field(description="response and resolution against the agreements underneath")
    underneath: list[str] = Field(description="agreements that cover an element of the closure of what this one "
                                              "covers (when it names a PROVIDER: those that provider consumes)")


MeasuredStatus = Literal["met", "missed", "unmeasured"]


class MetricStatus(Answer):
    metric: str
    target: Number
    measured: Number | None
    status: MeasuredStatus


class AgreementStatus(Answer):
    """An agreement's targets next to what was measured in one period."""

    id: str
    name: str
    kind: str | None
    period: str | None = Field(description="the period asked, or the last one measured; null when none is")
    met: bool | None = Field(description="every measured target met; null when nothing was measured")
    metrics: list[MetricStatus]


class Watermelon(Answer):
    """Green outside, red inside: the service-level targets met while experience misses."""

    package: str
    period: str
    met: list[str] = Field(description="agreements on the package (not XLAs) whose measured service-level "
                                       "targets (all but satisfaction) are met")
    missed: list[MetricStatus] = Field(description="the satisfaction targets missed")
    missed_by: list[str] = Field(description="the agreements those targets belong to")


class WatermelonsAnswer(Bounded):
    period: str | None
    watermelons: list[Watermelon]


class AgreementSummary(Answer):
    id: str
    name: str
    kind: str | None
    achievable: bool
    failing: list[str] = Field(description="the targets that cannot be met")


class AgreementsAnswer(Bounded):
    agreements: list[AgreementSummary]


INDEPENDENCE_NOTE = (
    "members of a redundancy group and dependencies are taken as independent, even when they "
    "share a dependency (a shared part is counted once per route); elements on a cycle form one "
    "block; unset availability and retired elements count as 1"
)


class WeakestLinkAnswer(Bounded):
    root: str
    metric: Metric
    root_value: Number | None
    weakest: list[WeakElement]
    flags: list[WeakElement]  # closure elements whose value is below the root's own value
    composite: float  # composite availability of the root
    composite_note: str = INDEPENDENCE_NOTE
    agreements: list[AgreementCheck]  # agreements covering the root or anything in its closure
    not_achievable: list[str]  # ids of the agreements above that cannot be met


# -- supply chain -----------------------------------------------------------------------------


class ComplianceStatus(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    MISSING = "missing"
    # valid on as_of but lapsing within the horizon asked (`expiring_within`); only then
    EXPIRING = "expiring"


class SupplyChainOrganization(Answer):
    id: str
    name: str
    tier: int
    path: Path
    compliance: dict[str, ComplianceStatus]  # requirement id -> status, for each attested one in force


class SupplyChainTier(Answer):
    tier: int
    organizations: list[SupplyChainOrganization]


class RequirementInForce(Answer):
    id: str
    name: str
    category: RequirementCategory | None
    checked: bool  # attested categories only; functional ones are met by SATISFIES
    required_by: list[str]


class Remediation(Answer):
    """What is being done about a gap (stored as the REMEDIATES relationship, docs/compliance.md)."""

    owner: str
    due: date
    status: RemediationStatus
    note: str | None = None
    overdue: bool = Field(description="past its due date on as_of, and neither done nor an accepted risk")
    closed_on: date | None = Field(default=None, description="when a new attestation closed it")
    closed_by: str | None = None


class Gap(Answer):
    organization: str
    organization_name: str
    requirement: str
    requirement_name: str
    category: RequirementCategory | None
    status: ComplianceStatus
    valid_until: date | None = Field(description="the attestation's, when it has one")
    evidence: str | None
    tier: int
    path: Path
    required_by: list[str] = Field(description="who requires it: the focal organisation, its buyers, the offerings")
    remediation: Remediation | None


class Concentration(Answer):
    organization: str
    name: str
    packages: list[str]  # live service packages whose supply chain includes it
    package_count: int
    sole_provider_of: list[str]  # elements (and organisations) of this chain it alone provides or supplies


class SupplyChainAnswer(Bounded):
    root: str
    mode: Literal["organization", "offering"]
    as_of: date
    max_tier: int | None
    expiring_within: int | None = Field(description="the horizon asked, in days")
    buyers: list[str] = Field(description="a focal organisation's buyers: never listed in its chain")
    requirements: list[RequirementInForce]
    tiers: list[SupplyChainTier]
    gaps: list[Gap] = Field(description="every status but compliant, of the organisations listed, after the "
                                        "filters asked")
    concentration: list[Concentration]


class ComplianceGap(Gap):
    offerings: list[str] = Field(description="the live offerings whose supply chain holds this gap")


class ComplianceGapsAnswer(Bounded):
    """The gaps of every live offering's supply chain, one per organisation and requirement."""

    as_of: date
    expiring_within: int | None
    offerings: int = Field(description="live offerings asked")
    counts: dict[ComplianceStatus, int] = Field(description="gaps by status, before the cap")
    gaps: list[ComplianceGap]


# -- portfolio --------------------------------------------------------------------------------


class Ref(Answer):
    id: str
    name: str


class RequirementRef(Ref):
    category: RequirementCategory | None


class AgreementRef(Ref):
    kind: str | None


class AgreementPeriod(Answer):
    """The agreements covering an offering in the last period any of them measured."""

    period: str
    met: list[str]
    missed: list[str]


class Offering(Answer):
    id: str
    type: ElementType
    name: str
    lifecycle: Lifecycle
    requirements: list[RequirementRef]
    consumers: list[Ref]
    agreements: list[AgreementRef]
    lowest_service_level: int | None  # over the offering and its closure; None when none is set
    lowest_service_level_at: str | None  # the element holding it (smallest id on a tie)
    last_period: AgreementPeriod | None = None  # the last measured period of the agreements covering it



class PortfolioAnswer(Bounded):
    pipeline: list[Offering]
    live: list[Offering]
    retired: list[Offering]


# -- a scenario beside its base ------------------------------------------------------------------


class Sets(BaseModel):
    """The same list before and after, and what left it and joined it."""

    before: list[str]
    after: list[str]
    removed: list[str] = Field(description="in `before`, not in `after`")
    added: list[str] = Field(description="in `after`, not in `before`")

    @classmethod
    def of(cls, before: list[str], after: list[str]) -> Sets:
        return cls(before=before, after=after, removed=sorted(set(before) - set(after)),
                   added=sorted(set(after) - set(before)))


class WeakestSide(BaseModel):
    root_value: float | None
    weakest: list[str]
    composite: float = Field(description="composite availability of the root")
    not_achievable: list[str] = Field(description="agreements that cannot be met")


class WeakestLinkChange(BaseModel):
    metric: Metric
    before: WeakestSide
    after: WeakestSide
    now_achievable: list[str] = Field(description="agreements the scenario makes achievable")
    no_longer_achievable: list[str]


class ImpactChange(BaseModel):
    failed: list[str]
    customers_at_risk: Sets
    agreements_at_risk: Sets


class ScenarioComparison(BaseModel):
    scenario: str
    base: int = Field(description="the revision the scenario changes: the `before` side")
    root: str
    single_points_of_failure: Sets
    weakest_link: WeakestLinkChange
    supply_chain_gaps: Sets | None = Field(description="`organization requirement status`, for the supply "
                                                       "chain of the root (null when it has none to ask)")
    concentration: Sets | None = Field(description="organisations the root's chain shares with other packages")
    impact: ImpactChange | None = Field(description="for the `failed` set, when one is asked")


# -- information ------------------------------------------------------------------------------------


InformationIssue = Literal["no_master"]


class InformationObjectView(Answer):
    id: str
    name: str
    kind: str | None
    masters: list[str] = Field(description="the systems holding its master data (MASTERED_IN)")
    carried_by: list[str] = Field(description="integrations that CARRY it")
    used_by: list[str] = Field(description="elements that USE it")
    issues: list[InformationIssue]


class InformationAnswer(Bounded):
    objects: list[InformationObjectView]


class InformationFlow(Answer):
    information: str
    information_name: str
    to: str = Field(description="the organisation's system or process it reaches")
    through: str | None = Field(description="the integration that carries it there; null when the element USES it")
    master: str | None = Field(description="the system holding its master data; null when none does")
    mastered_by: list[str] = Field(description="the organisations that own or provide that system")


class OrganizationInformationAnswer(Bounded):
    organization: str
    flows: list[InformationFlow]
