"""HTTP routes of occupation and Berufsfeld information (open reference content)."""

from __future__ import annotations

from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, public
from app.interests import occupations
from app.interests.schemas_occupations import BerufsfeldDetailSchema, OccupationDetailSchema

blp = Blueprint(
    "occupations",
    __name__,
    url_prefix="/api/v1",
    description="Occupations and Berufsfelder: description, typical tasks, further information",
)

OPEN = "Occupation information is reference content without personal data"


@blp.route("/occupations/<int:occupation_id>", methods=["GET"])
@access(public(OPEN))
@blp.response(200, OccupationDetailSchema)
@problems(blp, (404, "No such occupation"))
def occupation(occupation_id: int):
    """An occupation: short description, typical tasks, level, Berufsfeld, BERUFENET link."""
    return occupations.occupation_detail(occupation_id)


@blp.route("/berufsfelder/<kuerzel>", methods=["GET"])
@access(public(OPEN))
@blp.response(200, BerufsfeldDetailSchema)
@problems(blp, (404, "No such Berufsfeld"))
def berufsfeld(kuerzel: str):
    """A Berufsfeld: what it is about and its occupations."""
    return occupations.berufsfeld_detail(kuerzel)
