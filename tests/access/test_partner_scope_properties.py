"""Property: on random models, no answer to partner A's key names anything out of A's scope,
in particular nothing that belongs only to its sibling B (B's elements, subcontractors, agreement)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.access.roles import Role
from app.db.database import Database
from tests.access.partner_models import partner_models
from tests.access.partner_reference import Names, reads, unknown_answer, visible_to
from tests.conftest import bearer, new_token


def _belongs_to(document: dict[str, Any], letter: str) -> set[str]:
    """What a partner owns, provides, its subcontractors and its agreement: the ids it starts."""
    return {e["id"] for e in document["elements"] if e["id"].startswith(letter)}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=partner_models(), data=st.data())
def test_partner_answers_stay_in_scope(service: Callable[..., Any], headers: dict[Role, dict[str, str]],
                                       db: Database, document: dict[str, Any], data: st.DataObject) -> None:
    focus, sibling = data.draw(st.sampled_from([("A", "B"), ("B", "A")]))
    org = f"{focus}org01"
    with service(auth="required") as client:
        loaded = client.post("/api/v1/model?mode=replace", json=document, headers=headers[Role.EDITOR])
        assert loaded.status_code == 200, loaded.text
        key = bearer(new_token(db, Role.READER, organization=org, prefix="prop-partner"))
        visible = visible_to(document, org)
        only_sibling = _belongs_to(document, sibling) - visible.all
        assert f"{sibling}org01" in only_sibling  # the sibling itself is never in scope
        names = Names(e["id"] for e in document["elements"])
        roots = data.draw(st.lists(st.sampled_from(sorted(visible.all)), min_size=1, max_size=5, unique=True))
        pictures = [org, *data.draw(st.lists(st.sampled_from(sorted(visible.all)), max_size=1))]
        for address, status, body in reads(client, key, roots, organizations={org}, pictures=pictures):
            assert status in (200, 400), (address, status, body[:300])
            named = names.named_in(body)
            assert not named & only_sibling, (address, sorted(named & only_sibling))
            assert named <= visible.all, (address, sorted(named - visible.all))
        unknown = unknown_answer(client, key, "Zzzz99")
        for hidden in sorted(only_sibling)[:3]:
            assert unknown_answer(client, key, hidden) == unknown
