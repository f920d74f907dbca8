"""Every Cypher file is used, and every call sends exactly the parameters its file names."""

from __future__ import annotations

import ast
from pathlib import Path

from app.config import PROJECT_ROOT
from app.db.database import Database
from app.db.queries import parameters_of, registry
from tests.queries import queries_for_tests

_CALLS = {"rows", "single", "stream", "read_rows", "write_rows"}


def _calls() -> list[tuple[str, str, set[str] | None]]:
    """(file:line, query name, keyword names or None when **kwargs hides them) of each call."""
    found = []
    for path in sorted([*(PROJECT_ROOT / "app").rglob("*.py"), *(PROJECT_ROOT / "tests").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _CALLS and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                names = {k.arg for k in node.keywords if k.arg is not None}
                hidden = any(k.arg is None for k in node.keywords)
                where = f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
                found.append((where, node.args[0].value, None if hidden else names))
    return found


def test_each_call_sends_the_parameters_its_file_uses() -> None:
    queries = queries_for_tests()
    for where, name, names in _calls():
        query = queries[name]
        if names is not None:
            assert names == set(query.params), f"{where}: {name} takes {sorted(query.params)}, sends {sorted(names)}"


def _named_in_code(*folders: str) -> set[str]:
    """Every string constant of the code: a query name passed on through a helper counts as a call."""
    found = set()
    for path in [p for folder in folders for p in (PROJECT_ROOT / folder).rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_cypher_file_is_called_by_the_product_and_test_only_queries_stay_in_the_tests() -> None:
    unused = [n for n in registry().names() if n not in _named_in_code("app", "viz")]
    assert not unused, f"Cypher files the product never calls (move those only tests need to tests/cypher): {unused}"
    only_tests = set(queries_for_tests().names()) - set(registry().names())
    assert only_tests and only_tests <= _named_in_code("tests")


def test_parameters_ignore_comments_and_strings() -> None:
    text = "// $ignored\nMATCH (n {id: $id}) WHERE n.s = '$not' RETURN n, $limit"
    assert parameters_of(text) == {"id", "limit"}


def test_cypher_files_build_no_text_from_values() -> None:
    for path in Path(PROJECT_ROOT / "cypher").rglob("*.cypher"):
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "%s" not in text, path


def test_relationship_upsert_writes_every_type_of_the_schema() -> None:
    from app.schema import RelType

    text = registry()["model/upsert_relations"].text
    for rel_type in RelType:
        assert f"WHEN '{rel_type.value}' THEN [1] ELSE [] END | MERGE (a)-[r:{rel_type.value}]->(b)" in text


def test_traversals_follow_exactly_the_dependency_types() -> None:
    """The dependency types are named once, in app.schema (REL_RULES); every Cypher traversal over more
    than one relationship type (a variable-length pattern) lists exactly them."""
    import re

    from app.schema import DEPENDENCY_TYPES

    expected = {t.value for t in DEPENDENCY_TYPES}
    pattern = re.compile(r"\[:([A-Z_|]+)\*\d*\.\.\d*\]")
    traversals = {name: pattern.findall(registry()[name].text) for name in registry().names()}
    checked = {name: found for name, found in traversals.items() if any("|" in f for f in found)}
    assert {"analysis/get_upstream_subgraph", "analysis/get_downstream_subgraph", "bench/naive_dependencies",
            "bench/naive_impact"} <= checked.keys()
    for name, found in checked.items():
        for types in found:
            assert set(types.split("|")) == expected, (name, types)


def test_closures_are_planned_as_a_pruning_breadth_first_search(db: Database) -> None:
    """No path enumeration: the planner must keep the BFS pruning expand for the closure queries."""
    for name in ("analysis/get_upstream_subgraph", "analysis/get_downstream_subgraph"):
        with db.driver.session(database=db.database) as session:
            plan = session.run("EXPLAIN " + registry()[name].text, ids=[]).consume().plan
        operators: list[str] = []
        assert plan is not None
        todo = [plan]
        while todo:
            node = todo.pop()
            operators.append(node["operatorType"])
            todo.extend(node.get("children", []))
        assert any(op.startswith("VarLengthExpand(Pruning,BFS") for op in operators), (name, " ".join(operators))
