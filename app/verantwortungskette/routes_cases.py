"""The receiving coordinator's cases: list, detail, outcome, follow-up and contact log."""

from __future__ import annotations

from flask_login import current_user

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.verantwortungskette import cases
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.schemas_cases import (
    CaseContactInputSchema,
    CaseContactSchema,
    CaseDetailSchema,
    CaseListItemSchema,
    CasePatchSchema,
    CaseQuerySchema,
)

RECEIVERS = allow(
    "Coordinators see only the cases handed to their recipient organisation",
    bk_coordinator=everywhere,
    kommune_coordinator=everywhere,
    recipient_coordinator=everywhere,
)
CASE_RECEIVER = allow(
    "Only the receiving organisation's coordinator reaches a case",
    bk_coordinator=chain_scopes.case_handed_to_me,
    kommune_coordinator=chain_scopes.case_handed_to_me,
    recipient_coordinator=chain_scopes.case_handed_to_me,
)


@blp.route("/cases", methods=["GET"])
@access(RECEIVERS)
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseListItemSchema(many=True))
def list_cases(query: dict):
    """Cases handed to me (transfer fields only); overdue=true lists overdue follow-ups."""
    return cases.list_cases(current_user, query)


@blp.route("/cases/<int:case_id>", methods=["GET"])
@access(CASE_RECEIVER)
@blp.response(200, CaseDetailSchema)
@problems(blp, (404, "No such case"), (410, "The consent was withdrawn; the case data are erased"))
def get_case(case_id: int):
    """One case with its contact log."""
    return cases.get_case(current_user, case_id)


@blp.route("/cases/<int:case_id>", methods=["PATCH"])
@access(CASE_RECEIVER)
@blp.arguments(CasePatchSchema)
@blp.response(200, CaseDetailSchema)
@problems(
    blp,
    (404, "No such case"),
    (410, "The consent was withdrawn; the case data are erased"),
    (422, "vermittelt without Anschluss option, or unknown option"),
)
def update_case(data: dict, case_id: int):
    """Set status (vermittelt needs the Anschluss option) and the follow-up date."""
    return cases.update_case(current_user, case_id, data)


@blp.route("/cases/<int:case_id>/contacts", methods=["POST"])
@access(CASE_RECEIVER)
@blp.arguments(CaseContactInputSchema)
@blp.response(201, CaseContactSchema)
@problems(
    blp,
    (404, "No such case"),
    (410, "The consent was withdrawn; the case data are erased"),
    (422, "A date in the future or an unknown channel/outcome"),
)
def add_contact(data: dict, case_id: int):
    """Log a contact attempt: date, channel, outcome (no free text)."""
    return cases.add_contact(current_user, case_id, data)
