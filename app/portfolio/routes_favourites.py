"""HTTP routes of the pupil's Merkliste (occupations to remember, kept in "Mein Weg")."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.portfolio import favourites
from app.portfolio.schemas import FavouriteSchema

blp = Blueprint(
    "favourites",
    __name__,
    url_prefix="/api/v1",
    description="The pupil's Merkliste of occupations",
)

PUPIL_ONLY = allow("Only the pupil: the Merkliste is pupil-owned", pupil=everywhere)


@blp.route("/me/favourites", methods=["GET"])
@access(PUPIL_ONLY)
@blp.response(200, FavouriteSchema(many=True))
@problems(blp, 401, 403)
def list_favourites():
    """The occupations on my Merkliste, newest first."""
    return favourites.favourites(current_user.id)


@blp.route("/me/favourites/<int:occupation_id>", methods=["PUT"])
@access(PUPIL_ONLY)
@blp.response(201, FavouriteSchema)
@blp.alt_response(200, schema=FavouriteSchema, description="It was on the Merkliste already")
@problems(blp, 401, 403, (404, "No such occupation"), (422, "The Merkliste is full"))
def add_favourite(occupation_id: int):
    """Put an occupation on my Merkliste (idempotent)."""
    entry, created = favourites.add(current_user, occupation_id)
    return entry, 201 if created else 200


@blp.route("/me/favourites/<int:occupation_id>", methods=["DELETE"])
@access(PUPIL_ONLY)
@blp.response(204)
@problems(blp, 401, 403)
def remove_favourite(occupation_id: int):
    """Take an occupation off my Merkliste (no-op when it is not on it)."""
    favourites.remove(current_user, occupation_id)
