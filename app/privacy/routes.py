"""The pupil's privacy routes: my data export and where my data went."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.privacy import disclosures, export
from app.privacy.schemas import MyDisclosuresSchema, PortfolioExportSchema

blp = Blueprint(
    "privacy",
    __name__,
    url_prefix="/api/v1",
    description="My data: the export of everything, transfers, consents and access (pupils)",
)
PUPIL_ONLY = "Only the pupil: a data subject request about their own data"
PUPIL = allow("A pupil sees and manages their own data", pupil=everywhere)


@blp.route("/me/export", methods=["GET"])
@access(allow(PUPIL_ONLY, pupil=everywhere))
@export_limit
@blp.response(200, PortfolioExportSchema)
@problems(blp, (429, EXPORT_LIMIT_DOC))
def export_json():
    """Everything of the pupil's portfolio and interest profiles as JSON."""
    return export.export_data(current_user)


@blp.route("/me/disclosures", methods=["GET"])
@access(PUPIL)
@blp.response(200, MyDisclosuresSchema)
def my_disclosures():
    """Where my data went and when: transfers, consents, staff access by role and school,
    and every use of my guardians' link."""
    return disclosures.my_disclosures(current_user)
