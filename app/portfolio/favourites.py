"""The pupil's Merkliste: occupations they want to remember, kept in "Mein Weg".

Adding is idempotent (a second tap keeps the first entry); a list has at most FAVOURITES_MAX
entries so it stays a short list a pupil can talk about with their class teacher.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.catalog.models import Berufsfeld, Occupation
from app.core.errors import Invalid, NotFound
from app.extensions import db
from app.portfolio.models import FavouriteOccupation

FAVOURITES_MAX = 50


def favourites(pupil_id: int) -> list[dict]:
    """The pupil's Merkliste, newest first (one query)."""
    rows = db.session.execute(
        select(FavouriteOccupation, Occupation.title_de, Occupation.berufsfeld, Berufsfeld.text)
        .join(Occupation, Occupation.id == FavouriteOccupation.occupation_id)
        .outerjoin(Berufsfeld, Berufsfeld.kuerzel == Occupation.berufsfeld)
        .where(FavouriteOccupation.pupil_id == pupil_id)
        .order_by(FavouriteOccupation.created_at.desc(), FavouriteOccupation.id.desc())
    )
    return [
        _view(favourite, title, field, field_text) for favourite, title, field, field_text in rows
    ]


def _view(favourite, title, field, field_text) -> dict:
    return {
        "occupation_id": favourite.occupation_id,
        "title": title,
        "berufsfeld": field,
        "berufsfeld_text": field_text,
        "created_at": favourite.created_at,
    }


def add(pupil, occupation_id: int) -> tuple[dict, bool]:
    """Put an occupation on the Merkliste; (entry, created)."""
    occupation = db.session.get(Occupation, occupation_id)
    if occupation is None:
        raise NotFound("occupation-not-found")
    existing = db.session.scalar(
        select(FavouriteOccupation).where(
            FavouriteOccupation.pupil_id == pupil.id,
            FavouriteOccupation.occupation_id == occupation_id,
        )
    )
    created = existing is None
    if created:
        count = db.session.scalar(
            select(func.count()).where(FavouriteOccupation.pupil_id == pupil.id)
        )
        if count >= FAVOURITES_MAX:
            raise Invalid("favourite-limit", limit=FAVOURITES_MAX, field="occupation_id")
        existing = FavouriteOccupation(pupil_id=pupil.id, occupation_id=occupation_id)
        db.session.add(existing)
        db.session.flush()
    field = db.session.get(Berufsfeld, occupation.berufsfeld) if occupation.berufsfeld else None
    return _view(
        existing, occupation.title_de, occupation.berufsfeld, field.text if field else None
    ), created


def remove(pupil, occupation_id: int) -> None:
    """Take an occupation off the Merkliste (nothing happens when it is not on it)."""
    db.session.execute(
        delete(FavouriteOccupation).where(
            FavouriteOccupation.pupil_id == pupil.id,
            FavouriteOccupation.occupation_id == occupation_id,
        )
    )
