"""Random models of an integrator, two partners with their own chains, and what ties them together.

Ids are an owner letter, a kind and two digits (`Aprd01`, `Bsub02`, `Ssub01`), so no id is part
of another and every name (`name of Aprd01`) carries its id: a text that names an element is
found by looking for its id.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

PARTNERS = ("A", "B")
CATEGORIES = ("human_rights", "environment", "functional")
LEVELS = st.sampled_from([None, 1, 2, 3, 4])
AVAILABILITY = st.sampled_from([None, 0.9, 0.99, 0.999])


class Builder:
    def __init__(self) -> None:
        self.elements: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []

    def el(self, element_id: str, element_type: str, **props: Any) -> str:
        self.elements.append({"id": element_id, "type": element_type, "name": f"name of {element_id}",
                              **{k: v for k, v in props.items() if v is not None}})
        return element_id

    def rel(self, source: str, rel_type: str, target: str, **props: Any) -> None:
        self.relations.append({"from": source, "type": rel_type, "to": target, **props})

    def document(self) -> dict[str, Any]:
        return {"elements": self.elements, "relations": self.relations}


def _partner(draw: st.DrawFn, b: Builder, p: str, requirements: list[str]) -> dict[str, list[str]]:
    """A partner's organisation, what it provides, its subcontractors and its agreement."""
    org = b.el(f"{p}org01", "Organization", kind="partner", service_level=draw(LEVELS))
    systems = [b.el(f"{p}sys{i:02d}", "System", availability=draw(AVAILABILITY), service_level=draw(LEVELS))
               for i in range(1, draw(st.integers(1, 2)) + 1)]
    processes = [b.el(f"{p}prc{i:02d}", "Process", service_level=draw(LEVELS))
                 for i in range(1, draw(st.integers(0, 2)) + 1)]
    offers = [b.el(f"{p}prd{i:02d}", draw(st.sampled_from(["Product", "Service"])), availability=draw(AVAILABILITY),
                   service_level=draw(LEVELS), xla_score=draw(st.sampled_from([None, 2, 4])))
              for i in range(1, draw(st.integers(1, 3)) + 1)]
    for element in [*systems, *processes, *offers]:
        b.rel(element, "PROVIDED_BY", org)
        if draw(st.booleans()):
            b.rel(org, "OWNS", element)
    for process in processes:
        b.rel(process, "RUNS_ON", draw(st.sampled_from(systems)))
    services = [e["id"] for e in b.elements if e["id"] in offers and e["type"] == "Service"]
    for service in services:
        b.rel(service, "RUNS_ON", draw(st.sampled_from(systems)))
        if draw(st.booleans()) and processes:
            b.rel(service, "DELIVERED_THROUGH", draw(st.sampled_from(processes)))
    chain = [org]
    for i in range(1, draw(st.integers(0, 3)) + 1):
        sub = b.el(f"{p}sub{i:02d}", "Organization", kind="partner")
        b.rel(draw(st.sampled_from(chain)), "SUPPLIED_BY", sub)
        chain.append(sub)
    for member in chain:
        for req in draw(st.lists(st.sampled_from(requirements), max_size=2, unique=True)):
            b.rel(member, "ATTESTS", req, status=draw(st.sampled_from(["compliant", "non_compliant", "unknown"])))
    agreement = b.el(f"{p}agr01", "Agreement", kind="UC", targets={"availability": 0.99})
    b.rel(agreement, "COVERS", draw(st.sampled_from(offers)))
    b.rel(agreement, "PROVIDER", org)
    b.rel(agreement, "CONSUMER", "Iorg01")
    return {"org": [org], "systems": systems, "processes": processes, "offers": offers, "services": services,
            "chain": chain}


@st.composite
def partner_models(draw: st.DrawFn) -> dict[str, Any]:
    """An integrator (I) selling packages of two partners' offers (A, B), with customers (C),
    requirements (R), a subcontractor both partners may share (S) and ties across partners."""
    b = Builder()
    b.el("Iorg01", "Organization", kind="internal")
    requirements = [b.el(f"Rreq{i:02d}", "Requirement", category=c) for i, c in enumerate(CATEGORIES, 1)]
    b.rel("Iorg01", "REQUIRES", requirements[0])
    parts = {p: _partner(draw, b, p, requirements) for p in PARTNERS}
    own_system = b.el("Isys01", "System", availability=draw(AVAILABILITY))
    own_process = b.el("Iprc01", "Process")
    own_service = b.el("Isvc01", "Service", service_level=draw(LEVELS))
    for element in (own_system, own_process, own_service):
        b.rel("Iorg01", "OWNS", element)
    b.rel(own_service, "RUNS_ON", own_system)
    b.rel(own_service, "DELIVERED_THROUGH", own_process)
    packages = [b.el(f"Ipkg{i:02d}", "ServicePackage", service_level=draw(LEVELS),
                     lifecycle=draw(st.sampled_from(["live", "live", "pipeline"])))
                for i in range(1, draw(st.integers(1, 2)) + 1)]
    offers = parts["A"]["offers"] + parts["B"]["offers"] + [own_service]
    for package in packages:
        b.rel("Iorg01", "OWNS", package)
        for offer in draw(st.lists(st.sampled_from(offers), min_size=1, max_size=3, unique=True)):
            b.rel(package, "INCLUDES", offer)
        if draw(st.booleans()):
            b.rel(package, "REQUIRES", draw(st.sampled_from(requirements)))
    if len(packages) > 1 and draw(st.booleans()):
        b.rel(packages[0], "INCLUDES", packages[1])
    for p in PARTNERS:  # the integrator's process talks to the partners' processes
        for process in draw(st.lists(st.sampled_from(parts[p]["processes"]), max_size=1)) if parts[p]["processes"] \
                else []:
            b.rel(own_process, "INTERACTS_WITH", process, point="hand-over")
    _ties(draw, b, parts)
    customer = b.el("Ccus01", "Organization", kind="customer")
    b.rel(customer, "CONSUMES", packages[0])
    sla = b.el("Isla01", "Agreement", kind="SLA", targets={"availability": 0.995, "satisfaction": 4})
    b.rel(sla, "COVERS", packages[0])
    b.rel(sla, "PROVIDER", "Iorg01")
    b.rel(sla, "CONSUMER", customer)
    return b.document()


def _ties(draw: st.DrawFn, b: Builder, parts: dict[str, dict[str, list[str]]]) -> None:
    """What ties the partners together: a shared subcontractor, A's services needing B's
    information or running on B's systems beside their own, A's processes talking to B's."""
    a, other = parts["A"], parts["B"]
    if draw(st.booleans()):
        shared = b.el("Ssub01", "Organization", kind="partner")
        b.rel(draw(st.sampled_from(a["chain"])), "SUPPLIED_BY", shared)
        b.rel(draw(st.sampled_from(other["chain"])), "SUPPLIED_BY", shared)
    for service in a["services"]:
        tie = draw(st.sampled_from(["none", "required", "group"]))
        if tie == "required":  # A's service needs information mastered in B's system
            b.rel(service, "USES", _information(b, other))
        elif tie == "group":  # A's service runs on its own systems or on B's, one is enough
            mine = [r for r in b.relations if r["from"] == service and r["type"] == "RUNS_ON"]
            for r in mine:
                r["redundancy_group"] = "dc"
            b.rel(service, "RUNS_ON", draw(st.sampled_from(other["systems"])), redundancy_group="dc")
    if draw(st.booleans()) and a["processes"] and other["processes"]:
        b.rel(draw(st.sampled_from(a["processes"])), "INTERACTS_WITH", draw(st.sampled_from(other["processes"])),
              point="exchange")


def _information(b: Builder, part: dict[str, list[str]]) -> str:
    """Information mastered in one of the partner's systems (made once per partner)."""
    info = f"{part['org'][0][0]}inf01"
    if not any(e["id"] == info for e in b.elements):
        b.el(info, "InformationObject", kind="master_data")
        b.rel(info, "MASTERED_IN", part["systems"][0])
    return info
