"""HTTP routes of the portfolio "Mein Weg": steps, reflections, sharing, export."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.portfolio import export, services, shared_items, sharing
from app.portfolio.schemas import (
    PortfolioExportQuerySchema,
    PortfolioSchema,
    PortfolioShareCreateSchema,
    PortfolioShareQuerySchema,
    PortfolioShareSchema,
    PortfolioStepSchema,
    PortfolioStepUpdateSchema,
    SharedItemsSchema,
)
from app.schools import scopes

blp = Blueprint(
    "portfolio",
    __name__,
    url_prefix="/api/v1",
    description='The pupil\'s KAoA portfolio "Mein Weg", sharing and export',
)

PUPIL_ONLY = "Only the pupil: the portfolio is pupil-owned"


@blp.route("/me/portfolio", methods=["GET"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@blp.response(200, PortfolioSchema)
def get_portfolio():
    """The pupil's KAoA steps for the current Jahrgang, and earlier ones."""
    return services.get_portfolio(current_user)


@blp.route("/me/portfolio/steps/<int:step_id>", methods=["PUT"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@blp.arguments(PortfolioStepUpdateSchema)
@blp.response(200, PortfolioStepSchema)
@problems(blp, (404, "Not a step of this pupil"), (422, "Invalid status, date or text"))
def update_step(body, step_id: int):
    """Set status, date, provider, Berufsfeld and the pupil's reflection of a step."""
    return services.update_step(current_user, step_id, body)


@blp.route("/me/shares", methods=["GET"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@blp.response(200, PortfolioShareSchema(many=True))
def list_shares():
    """Items the pupil currently shares with the class teacher."""
    return sharing.active_shares(current_user.id)


@blp.route("/me/shares", methods=["POST"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@blp.arguments(PortfolioShareCreateSchema)
@blp.response(201, PortfolioShareSchema)
@blp.alt_response(200, schema=PortfolioShareSchema, description="The item was already shared")
@problems(blp, (422, "No such item of this pupil"))
def create_share(body):
    """Share a step (with its reflection) or an interest profile with the class teacher."""
    share, created = sharing.share_item(current_user, body["item_type"], body["item_id"])
    return share, 201 if created else 200


@blp.route("/me/shares", methods=["DELETE"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@blp.arguments(PortfolioShareQuerySchema, location="query")
@blp.response(204)
def withdraw_share(query):
    """Withdraw a share; the teacher no longer sees the item (no-op if it was not shared)."""
    sharing.withdraw_share(current_user, query["item_type"], query["item_id"])


@blp.route("/me/export.pdf", methods=["GET"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@export_limit
@blp.arguments(PortfolioExportQuerySchema, location="query")
@blp.response(200, content_type="application/pdf", description='PDF "Mein Berufswahlpass"')
@problems(blp, (429, EXPORT_LIMIT_DOC))
def export_pdf(query):
    """The pupil's portfolio and interest profiles as the PDF "Mein Berufswahlpass"."""
    export.record_export(current_user)
    from app.portfolio.pdf import render_pass  # fpdf costs start-up 0.25 s: loaded by the first PDF

    document = render_pass(export.portfolio_document(current_user), query["lang"])
    filename = "mein-berufswahlpass.pdf" if query["lang"] == "de" else "my-career-passport.pdf"
    return Response(
        document,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blp.route("/pupils/<int:pupil_id>/shared-items", methods=["GET"])
@access(
    allow(
        "Only a teacher of the pupil's class: items are shared with the class teacher",
        teacher=scopes.pupil_in_taught_class,
    )
)
@blp.response(200, SharedItemsSchema)
def pupil_shared_items(pupil_id: int):
    """The steps and interest profiles a pupil has shared with the class teacher (audited)."""
    return shared_items.pupil_shared_items(current_user, pupil_id)
