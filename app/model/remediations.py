"""Remediations of compliance gaps (docs/compliance.md): what is being done about an organisation's
gap against a requirement, stored in the model as `(organization)-[:REMEDIATES]->(requirement)`.
They are written as a one-relation import (atomic, audited, in the model's history), exported and
imported with the model, and closed by a write that attests the pair compliant
(`closed_remediations` in app/model/service.py)."""

from __future__ import annotations

from datetime import date

from app.db.database import Database, Tx
from app.errors import Conflict, NotFound
from app.model import repository as repo
from app.model.answers import ImportMode, RemediationRequest, RemediationView
from app.model.service import WriteBy, import_model
from app.schema import AttestationStatus, ElementType, RelType, RemediationStatus, RequirementCategory


def set_remediation(*, db: Database, organization: str, requirement: str, body: RemediationRequest,
                    actor: str) -> RemediationView:
    """Store the remediation of the pair, replacing any: 404 for an unknown organisation or
    requirement, 409 when there is nothing to remediate (a functional requirement, met by
    SATISFIES; an attestation compliant with no expiry)."""
    db.read(lambda tx: _check_gap(tx, organization, requirement))
    relation = {"from": organization, "type": RelType.REMEDIATES.value, "to": requirement,
                **body.model_dump(mode="json", exclude_none=True)}
    import_model(db=db, document={"relations": [relation]}, mode=ImportMode.MERGE,
                 by=WriteBy(actor, "compliance.remediation", f"{organization}/{requirement}"))
    still_open = body.status in (RemediationStatus.OPEN, RemediationStatus.IN_PROGRESS)
    return RemediationView(**body.model_dump(), organization=organization, requirement=requirement,
                           overdue=still_open and body.due < date.today())


def _check_gap(tx: Tx, organization: str, requirement: str) -> None:
    found = repo.existing_elements(tx, [organization, requirement])
    if organization not in found or found[organization]["type"] != ElementType.ORGANIZATION:
        raise NotFound(f"no organization {organization!r}")
    if requirement not in found or found[requirement]["type"] != ElementType.REQUIREMENT:
        raise NotFound(f"no requirement {requirement!r}")
    if found[requirement]["props"].get("category") == RequirementCategory.FUNCTIONAL:
        raise Conflict(f"{requirement} is a functional requirement: it is met by SATISFIES, not attested, "
                       "so it has no compliance gap to remediate")
    attested = next((e.props for e in repo.existing_relations(tx, [organization])
                     if e.key == (organization, RelType.ATTESTS.value, requirement)), None)
    if attested is not None and attested.get("status") == AttestationStatus.COMPLIANT \
            and attested.get("valid_until") is None:
        raise Conflict(f"{organization} attests {requirement} compliant with no expiry: there is no gap to "
                       "remediate")
