"""The registry of named Cypher queries: every `cypher/<area>/<verb_noun>.cypher`, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable

from app.resources import resource, walk

_COMMENT = re.compile(r"//[^\n]*")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    """One named query and the parameters its text uses."""

    name: str
    text: str
    params: frozenset[str]

    def check_params(self, given: set[str]) -> None:
        """Refuse a call whose parameters differ from the file's (a programming error)."""
        if given != self.params:
            raise TypeError(
                f"query {self.name} takes {sorted(self.params)}, called with {sorted(given)}"
            )


def parameters_of(text: str) -> frozenset[str]:
    """The `$name` parameters of a Cypher text, ignoring comments and string literals."""
    code = _STRING.sub("''", _COMMENT.sub("", text))
    return frozenset(_PARAM.findall(code))


class QueryRegistry:
    """All queries under the folders (the package's cypher/ unless given), by name (`area/verb_noun`)."""

    def __init__(self, *roots: Traversable) -> None:
        self._queries: dict[str, Query] = {}
        for root in roots or (resource("cypher"),):
            for relative, file in walk(root, ".cypher"):
                name = relative.removesuffix(".cypher")
                text = file.read_text(encoding="utf-8")
                self._queries[name] = Query(name=name, text=text, params=parameters_of(text))
        if not self._queries:
            raise RuntimeError("no Cypher queries found: the package was built without its cypher/ folder")

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise KeyError(f"no Cypher file cypher/{name}.cypher") from None

    def names(self) -> list[str]:
        return sorted(self._queries)


@lru_cache(maxsize=1)
def registry() -> QueryRegistry:
    """The process-wide registry, read from disk once."""
    return QueryRegistry()
