"""The pupil's own Anschluss: see it, report news, confirm the agreement."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import agreement, me
from app.anschluss import reports as reports_service
from app.anschluss import scopes as anschluss_scopes
from app.anschluss.schemas import (
    AgreementSchema,
    AnschlussReportInputSchema,
    AnschlussReportSchema,
    MyAnschlussSchema,
)
from app.core.api import problems
from app.core.policy import access, allow, everywhere

blp = Blueprint(
    "anschluss_me", __name__, url_prefix="/api/v1/me", description="My Anschluss (pupils)"
)


@blp.route("/anschluss", methods=["GET"])
@access(allow("A pupil sees their own Anschluss", pupil=everywhere))
@blp.response(200, MyAnschlussSchema)
def my_anschluss():
    """My Anschluss, my current agreement, my reports and the history of changes."""
    return me.my_anschluss(current_user)


@blp.route("/anschluss/reports", methods=["POST"])
@access(allow("A pupil reports news about their own Anschluss", pupil=everywhere))
@blp.arguments(AnschlussReportInputSchema)
@blp.response(201, AnschlussReportSchema)
@problems(
    blp, (409, "A report is still waiting for the teacher"), (422, "This status cannot be reported")
)
def report_news(data: dict):
    """Report news ("Ich habe eine Zusage"); the teacher confirms it."""
    return reports_service.create(current_user, data)


@blp.route("/anschlussvereinbarungen/<int:vereinbarung_id>/confirm", methods=["POST"])
@access(allow("A pupil confirms their own agreement", pupil=anschluss_scopes.agreement_is_own))
@blp.response(200, AgreementSchema)
@problems(blp, (409, "Already confirmed, or a newer version exists"))
def confirm_agreement(vereinbarung_id: int):
    """Confirm the current version of my Anschlussvereinbarung."""
    return agreement.confirm(current_user, vereinbarung_id)
