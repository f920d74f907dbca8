"""A generated model of any size, shaped like a real ecosystem, for benchmarks.

Layers as in the demo: packages include services and products; services run on application
systems, which run on platforms, which run on hosts in redundant data-centre pairs; everything
is provided by partners whose subcontractors go three tiers deep; processes interact (with
cycles), information objects are mastered in systems; customers consume packages; agreements
cover packages. Shared parts make the dependency graph a DAG with many diamonds, where path
enumeration explodes and set-based reachability does not.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

# Share of each type in the generated elements (sums to 1).
_MIX = {
    "ServicePackage": 0.02, "Service": 0.14, "Product": 0.08, "System": 0.26, "Process": 0.10,
    "InformationObject": 0.10, "Integration": 0.05, "Organization": 0.17, "Requirement": 0.005,
    "Agreement": 0.035, "Customer": 0.04,
}


_PREFIX = {"ServicePackage": "pkg", "Service": "svc", "Product": "prod", "System": "sys", "Process": "proc",
           "InformationObject": "info", "Integration": "int", "Organization": "org", "Requirement": "req",
           "Agreement": "agr", "Customer": "cust"}


def _counts(total: int) -> dict[str, int]:
    counts = {t: max(2, int(total * share)) for t, share in _MIX.items()}
    counts["System"] += total - sum(counts.values())  # exactly `total` elements
    return counts


LATTICE_PACKAGE = "pkg-lattice"


def lattice_model(layers: int, width: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A package on a stack of `layers` platform layers, each system needing every system of the
    layer below: width**layers paths from the package, yet only layers*width+2 elements."""
    elements: list[dict[str, Any]] = [
        {"id": LATTICE_PACKAGE, "type": "ServicePackage", "name": "lattice package", "service_level": 3},
        {"id": "svc-lattice", "type": "Service", "name": "lattice service"},
    ]
    relations: list[dict[str, Any]] = [{"from": LATTICE_PACKAGE, "type": "INCLUDES", "to": "svc-lattice"}]
    grid = [[f"sys-lattice-{layer:02d}-{i}" for i in range(width)] for layer in range(layers)]
    for layer in grid:
        elements += [{"id": s, "type": "System", "name": s, "availability": 0.999} for s in layer]
    relations += [{"from": "svc-lattice", "type": "RUNS_ON", "to": s} for s in grid[0]]
    for upper, lower in itertools.pairwise(grid):
        relations += [{"from": a, "type": "RUNS_ON", "to": b} for a in upper for b in lower]
    return elements, relations


def generate_model(total: int, seed: int = 7, lattice: tuple[int, int] = (12, 4)) -> dict[str, Any]:
    """A valid model document with `total` elements and about three relations per element,
    one of its packages on a lattice of shared platforms (see lattice_model)."""
    rnd = random.Random(seed)
    lattice_elements, lattice_relations = lattice_model(*lattice)
    counts = _counts(total - len(lattice_elements))
    ids = {t: [f"{_PREFIX[t]}-{i:06d}" for i in range(n)] for t, n in counts.items()}
    elements: list[dict[str, Any]] = list(lattice_elements)
    relations: list[dict[str, Any]] = list(lattice_relations)

    def add(element_type: str, element_id: str, **props: Any) -> None:
        elements.append({"id": element_id, "type": element_type, "name": element_id.replace("-", " "), **props})

    def link(source: str, rel_type: str, target: str, **props: Any) -> None:
        relations.append({"from": source, "type": rel_type, "to": target, **props})

    orgs = ids["Organization"]
    tier_size = max(1, len(orgs) // 4)
    tiers = [orgs[i * tier_size:(i + 1) * tier_size] for i in range(3)] + [orgs[3 * tier_size:]]
    for org in orgs:
        add("Organization", org, kind="partner", roles=["supplier"], service_level=rnd.randint(1, 4))
    for upper, lower in itertools.pairwise(tiers):
        for org in upper:
            for supplier in rnd.sample(lower, min(2, len(lower))):
                link(org, "SUPPLIED_BY", supplier)
    for req in ids["Requirement"]:
        add("Requirement", req, category=rnd.choice(["human_rights", "environment", "ethics", "transparency"]))
    for org in tiers[0] + tiers[1]:
        for req in rnd.sample(ids["Requirement"], min(2, len(ids["Requirement"]))):
            link(org, "ATTESTS", req, status=rnd.choice(["compliant", "compliant", "unknown", "non_compliant"]),
                 valid_until=f"{rnd.randint(2025, 2028)}-06-30")

    systems = ids["System"]
    hosts, platforms, apps = systems[: len(systems) // 10], systems[len(systems) // 10: len(systems) // 3], \
        systems[len(systems) // 3:]
    for s in systems:
        add("System", s, availability=round(rnd.uniform(0.98, 0.9999), 4), service_level=rnd.randint(2, 4))
        link(s, "PROVIDED_BY", rnd.choice(tiers[0]))
    for p in platforms:
        pair = rnd.sample(hosts, 2)
        for h in pair:
            link(p, "RUNS_ON", h, redundancy_group="dc", min_up=1)
    for a in apps:
        link(a, "RUNS_ON", rnd.choice(platforms))

    for info in ids["InformationObject"]:
        add("InformationObject", info, kind=rnd.choice(["master_data", "orders", "monitoring"]))
        link(info, "MASTERED_IN", rnd.choice(apps))
    processes = ids["Process"]
    for i, proc in enumerate(processes):
        add("Process", proc, service_level=rnd.randint(1, 4))
        link(proc, "PROVIDED_BY", rnd.choice(tiers[0]))
        link(proc, "USES", rnd.choice(ids["InformationObject"]))
        if i % 10 == 0 and i + 1 < len(processes):  # interaction points in both directions: cycles
            link(proc, "INTERACTS_WITH", processes[i + 1], point="handover")
            link(processes[i + 1], "INTERACTS_WITH", proc, point="feedback")
    for integ in ids["Integration"]:
        add("Integration", integ, protocol="REST")
        for s in rnd.sample(apps, 2):
            link(integ, "CONNECTS", s)

    for svc in ids["Service"]:
        add("Service", svc, availability=round(rnd.uniform(0.99, 1.0), 4), service_level=rnd.randint(1, 4),
            xla_score=round(rnd.uniform(2.5, 5.0), 1))
        link(svc, "RUNS_ON", rnd.choice(apps))
        link(svc, "PROVIDED_BY", rnd.choice(tiers[0]))
        link(svc, "DELIVERED_THROUGH", rnd.choice(processes))
    for prod in ids["Product"]:
        add("Product", prod, service_level=rnd.randint(1, 4))
        for org in rnd.sample(tiers[0], min(2, len(tiers[0]))):
            link(prod, "PROVIDED_BY", org, redundancy_group="source", min_up=1)

    parts = ids["Service"] + ids["Product"]
    for pkg in ids["ServicePackage"]:
        add("ServicePackage", pkg, service_level=rnd.randint(2, 4), lifecycle=rnd.choice(["live", "live", "pipeline"]))
        for part in rnd.sample(parts, min(8, len(parts))):
            link(pkg, "INCLUDES", part)
        link(pkg, "REQUIRES", rnd.choice(ids["Requirement"]))
    for customer in ids["Customer"]:
        add("Organization", customer, kind="customer")
        link(customer, "CONSUMES", rnd.choice(ids["ServicePackage"]))
    for agreement in ids["Agreement"]:
        add("Agreement", agreement, kind="SLA", targets={"availability": 0.99})
        link(agreement, "COVERS", rnd.choice(ids["ServicePackage"]))
    return {"elements": elements, "relations": relations}
