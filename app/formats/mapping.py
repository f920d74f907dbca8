"""How ArchiMate concepts become sigraph's, and back (the table of docs/archimate.md).

Import: an element type maps to a sigraph type, or is skipped. A relationship maps by its type
and the sigraph types of its ends to a sigraph relationship, turned to sigraph's direction
(X serves Y: Y depends on X), or is skipped with the reason.

Export: each sigraph type and relationship is written as an ArchiMate concept that says the
same where ArchiMate has one (a process realizes the service delivered through it), else as an
association; the sigraph type travels in a property, so the import of an export is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.schema import REL_RULES, ElementType, RelType

T = ElementType
R = RelType

ELEMENT_TYPES: dict[str, ElementType] = {
    **dict.fromkeys(("BusinessActor", "BusinessRole", "BusinessCollaboration"), T.ORGANIZATION),
    "Product": T.SERVICE_PACKAGE,
    **dict.fromkeys(("BusinessService", "ApplicationService", "TechnologyService"), T.SERVICE),
    **dict.fromkeys((
        "BusinessProcess", "BusinessFunction", "BusinessInteraction", "BusinessEvent",
        "ApplicationProcess", "ApplicationFunction", "ApplicationInteraction", "ApplicationEvent",
        "TechnologyProcess", "TechnologyFunction", "TechnologyInteraction", "TechnologyEvent"), T.PROCESS),
    **dict.fromkeys(("BusinessObject", "DataObject", "Artifact", "Representation"), T.INFORMATION_OBJECT),
    **dict.fromkeys(("ApplicationComponent", "Node", "Device", "SystemSoftware", "CommunicationNetwork",
                     "Equipment", "Facility"), T.SYSTEM),
    **dict.fromkeys(("ApplicationInterface", "TechnologyInterface"), T.INTEGRATION),
    "Contract": T.AGREEMENT,
    **dict.fromkeys(("Requirement", "Constraint", "Principle"), T.REQUIREMENT),
}

# The ArchiMate type each sigraph type is written as.
EXPORT_TYPES: dict[ElementType, str] = {
    T.ORGANIZATION: "BusinessActor", T.SERVICE_PACKAGE: "Product", T.SERVICE: "BusinessService",
    T.PRODUCT: "Product", T.PROCESS: "BusinessProcess", T.INFORMATION_OBJECT: "BusinessObject",
    T.SYSTEM: "ApplicationComponent", T.INTEGRATION: "ApplicationInterface", T.AGREEMENT: "Contract",
    T.REQUIREMENT: "Requirement",
}

# Relationships whose source works on or is part of the target: the source depends on the target.
_SOURCE_DEPENDS = {"Access", "Composition", "Aggregation"}
# Relationships whose target is served, realized or performed by the source: the target depends on it.
_TARGET_DEPENDS = {"Serving", "Realization", "Assignment"}
_NO_DEPENDENCY = {"Association": "an association says no direction of dependency",
                  "Specialization": "a specialization is not a dependency",
                  "Influence": "an influence is not a dependency"}


def dependency_between(dependent: ElementType, needed: ElementType) -> RelType | None:
    """The sigraph relationship by which a `dependent` depends on a `needed`: the only one the
    schema allows; an interface on a system CONNECTS it (RUNS_ON is allowed too)."""
    if (dependent, needed) == (T.INTEGRATION, T.SYSTEM):
        return R.CONNECTS
    found = [t for t, rule in REL_RULES.items() if rule.dependency and rule.allows(dependent, needed)]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Mapped:
    source: str
    type: RelType
    target: str


def _a(word: str) -> str:
    return f"an {word}" if word[0].lower() in "aeiou" else f"a {word}"


def dependency_ends(kind: str, source: str, target: str) -> tuple[str, str] | None:
    """(dependent, needed) for the relationships that say one end needs the other."""
    if kind in _SOURCE_DEPENDS:
        return source, target
    if kind in _TARGET_DEPENDS:
        return target, source
    return None


def map_relationship(kind: str, source: str, source_type: ElementType, target: str,
                     target_type: ElementType) -> Mapped | str:
    """The sigraph relationship for an ArchiMate one between two mapped elements, or why none."""
    if kind in _NO_DEPENDENCY:
        return _NO_DEPENDENCY[kind]
    if kind in ("Flow", "Triggering"):
        if source_type == target_type == T.PROCESS:
            return Mapped(source, R.INTERACTS_WITH, target)
        return f"{_a(kind.lower())} carries a dependency between processes only"
    if target_type == T.REQUIREMENT and kind == "Realization":
        if REL_RULES[R.SATISFIES].allows(source_type, target_type):
            return Mapped(source, R.SATISFIES, target)
        return f"{_a(source_type)} cannot satisfy a requirement in sigraph"
    if kind == "Assignment" and source_type == target_type == T.ORGANIZATION:
        return "an actor filling a role is not a supply relationship"
    if kind in ("Composition", "Aggregation"):
        if target_type == T.AGREEMENT and REL_RULES[R.COVERS].allows(target_type, source_type):
            return Mapped(target, R.COVERS, source)  # the contract of a product covers it
        if (source_type, target_type) == (T.SYSTEM, T.INTEGRATION):
            return Mapped(target, R.CONNECTS, source)  # a component's interface connects it
        if source_type not in (T.SERVICE_PACKAGE, T.SYSTEM):
            return f"{_a(kind.lower())} maps only from a product (INCLUDES) or between systems (RUNS_ON)"
    ends = dependency_ends(kind, source, target)
    if ends is None:
        return f"no mapping for {kind} relationships"
    types = {source: source_type, target: target_type}
    rel = dependency_between(types[ends[0]], types[ends[1]])
    if rel is None:
        return f"no sigraph relationship lets {_a(types[ends[0]])} depend on {_a(types[ends[1]])}"
    return Mapped(ends[0], rel, ends[1])


@dataclass(frozen=True)
class Written:
    """How a sigraph relationship is written in ArchiMate: its type, and whether it runs backwards."""

    type: str
    reversed: bool = False


def export_relationship(rel: RelType, source_type: ElementType, target_type: ElementType) -> Written:
    """A sigraph relationship as an ArchiMate one that means the same, where one surely does
    (every tool accepts it between these types), else as an association."""
    if rel == R.INCLUDES:
        return Written("Aggregation")  # a product aggregates its services and products
    if rel == R.DELIVERED_THROUGH and source_type == T.SERVICE:
        return Written("Realization", reversed=True)  # the process realizes the service
    if rel == R.USES and source_type in (T.PROCESS, T.SERVICE):
        return Written("Access")
    if rel == R.INTERACTS_WITH:
        return Written("Flow")
    if rel == R.CONSUMES and target_type == T.SERVICE:
        return Written("Serving", reversed=True)  # the service serves its consumer
    if rel == R.PROVIDED_BY and source_type == T.PROCESS:
        return Written("Assignment", reversed=True)  # the organisation performs the process
    if rel == R.SATISFIES:
        return Written("Realization")  # the element realizes the requirement
    return Written("Association")
