"""Shared traversals: breadth-first reach with one shortest path per element, and SCCs.

Every path the analyses return comes from here, so the tie-break is the same everywhere:
among the shortest paths the lexicographically smallest list of ids. A FIFO breadth-first
search that visits each element's successors in id order finds exactly that path.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.analysis.graph import Graph

Successors = Callable[[str], Iterable[str]]


@dataclass
class Reach:
    """What a breadth-first search reached: depth and BFS parent of each element, in BFS order."""

    depth: dict[str, int] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    # an element at the depth bound still had successors not reached
    truncated: bool = False

    def path(self, node_id: str) -> list[str]:
        """The path from the search's start to node_id, following BFS parents."""
        path = []
        current: str | None = node_id
        while current is not None:
            path.append(current)
            current = self.parent[current]
        path.reverse()
        return path

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.depth


def bfs(
    starts: Iterable[str],
    successors: Successors,
    *,
    max_depth: int | None = None,
    start_parent: str | None = None,
    start_depth: int = 0,
) -> Reach:
    """Breadth-first reach from starts (visited in id order) with lexicographically least shortest paths."""
    reach = Reach()
    queue: deque[str] = deque()
    for s in sorted(set(starts)):
        reach.depth[s] = start_depth
        reach.parent[s] = start_parent
        reach.order.append(s)
        queue.append(s)
    while queue:
        u = queue.popleft()
        d = reach.depth[u]
        for v in successors(u):
            if v in reach.depth:
                continue
            if max_depth is not None and d >= max_depth:
                reach.truncated = True  # the bound cut an element we would otherwise reach
                break
            reach.depth[v] = d + 1
            reach.parent[v] = u
            reach.order.append(v)
            queue.append(v)
    return reach


def upstream(graph: Graph, root: str, *, max_depth: int | None = None, structural: bool = False) -> Reach:
    """Upstream dependency reach of root; unless structural, retired elements are not expanded."""
    step = graph.successors if structural else graph.live_successors
    # the asked element is always expanded, even when retired: the question is about it
    return bfs([root], lambda u: graph.successors(u) if u == root else step(u), max_depth=max_depth)


def strongly_connected(nodes: Iterable[str], successors: Successors) -> list[list[str]]:
    """Tarjan's SCCs of the subgraph on nodes, dependencies first (a component after all it reaches)."""
    inside = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(inside):
        if start in index:
            continue
        # iterative depth-first search: (node, iterator over its successors inside the subgraph)
        work = [(start, iter([v for v in successors(start) if v in inside]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            u, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter([v for v in successors(child) if v in inside])))
                elif child in on_stack:
                    low[u] = min(low[u], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[u])
            if low[u] == index[u]:
                component = []
                while True:
                    v = stack.pop()
                    on_stack.discard(v)
                    component.append(v)
                    if v == u:
                        break
                components.append(sorted(component))
    return components


_SET_BYTE = re.compile(rb"[^\x00]")
_BITS_OF_BYTE = [tuple(i for i in range(8) if b >> i & 1) for b in range(256)]


def decode_bits(mask: int, ids: list[str]) -> list[str]:
    """The ids whose bit is set in mask (bit i stands for ids[i]), sorted. The mask's bytes are
    scanned for non-zero ones in C (a regex), as sets over a big model span many mostly empty bytes."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    return sorted(ids[found.start() * 8 + i] for found in _SET_BYTE.finditer(data)
                  for i in _BITS_OF_BYTE[data[found.start()]])
