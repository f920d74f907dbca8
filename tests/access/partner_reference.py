"""What a partner key may see, computed here in plain Python from a model document (the rule of
docs/security.md written a second time), and a sweep that asks every read of the API as that key."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

METRICS = ("service_level", "availability", "xla_score")
VIEWS = ("dependencies", "impact", "supply-chain")


@dataclass(frozen=True)
class Visible:
    full: frozenset[str]
    context: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.full | self.context


def _closure(starts: Iterable[str], step: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        node = todo.pop()
        for nxt in step.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def visible_to(document: dict[str, Any], org: str) -> Visible:
    """The scope of a partner key of `org` in this document."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    into: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in document["relations"]:
        out[r["type"]][r["from"]].add(r["to"])
        into[r["type"]][r["to"]].add(r["from"])
    own = out["OWNS"][org] | into["PROVIDED_BY"][org]
    suppliers = _closure([org], out["SUPPLIED_BY"]) - {org}
    offerings = _closure(own, into["INCLUDES"])
    buyers = _closure([org], into["SUPPLIED_BY"]) | {o for p in offerings for o in into["OWNS"][p]}
    requirements = {r for o in {org} | suppliers for r in out["ATTESTS"][o]}
    requirements |= {r for x in {org} | buyers | offerings | own for t in ("REQUIRES", "SATISFIES")
                     for r in out[t][x]}
    core = {org} | own | suppliers | requirements
    agreements = {a for x in core for a in into["COVERS"][x]} | into["PROVIDER"][org] | into["CONSUMER"][org]
    full = frozenset(core | agreements)
    return Visible(full, frozenset(offerings | buyers) - full)


class Names:
    """Finds the ids of a model named in a text (an id bounded by characters ids cannot hold)."""

    def __init__(self, ids: Iterable[str]) -> None:
        alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![A-Za-z0-9_-])(?:{alternatives})(?![A-Za-z0-9_-])")

    def named_in(self, text: str) -> set[str]:
        return set(self._pattern.findall(text))


def reads(client: TestClient, headers: dict[str, str], roots: Iterable[str], *, organizations: set[str],
          pictures: Iterable[str] = ()) -> Iterator[tuple[str, int, str]]:
    """(address, status, body) of every read of the API: whole-model ones, and each analysis
    rooted at each of `roots`; the pictures of `pictures`."""

    def get(address: str) -> tuple[str, int, str]:
        response = client.get(address, headers=headers)
        return address, response.status_code, response.text

    yield from (get(a) for a in ("/api/v1/elements?limit=1000", "/api/v1/model", "/api/v1/portfolio",
                                 "/api/v1/analysis/critical-elements", "/viz"))
    for root in roots:
        r = quote(root, safe="")
        base = f"/api/v1/elements/{r}"
        yield from (get(a) for a in (base, f"{base}/dependencies", f"{base}/impact",
                                     f"{base}/single-points-of-failure", f"{base}/supply-chain"))
        yield from (get(f"{base}/weakest-link?metric={m}") for m in METRICS)
        if root in organizations:
            yield get(f"/api/v1/organizations/{r}/supply-chain")
        response = client.post("/api/v1/impact", json={"failed": [root]}, headers=headers)
        yield f"POST /api/v1/impact {root}", response.status_code, response.text
    for root in pictures:
        yield from (get(f"/viz/elements/{quote(root, safe='')}?view={v}") for v in VIEWS)


def unknown_answer(client: TestClient, headers: dict[str, str], element_id: str) -> tuple[int, str]:
    """The answer to an id, with the id itself replaced: equal for hidden and unknown ids."""
    response = client.get(f"/api/v1/elements/{quote(element_id, safe='')}", headers=headers)
    return response.status_code, response.text.replace(element_id, "<id>")
