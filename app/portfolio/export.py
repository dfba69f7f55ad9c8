"""Everything a pupil has in the portfolio and interest features, as one document: the body of
the PDF "Mein Berufswahlpass" and of the pupil's data export (`app/privacy/export.py`)."""

from __future__ import annotations

from sqlalchemy import select

from app.core import audit, clock
from app.extensions import db
from app.interests import catalog
from app.interests.services import profile_view, pupil_profiles
from app.portfolio.bookings import overlay, pupil_bookings
from app.portfolio.effective import booking_jahrgaenge
from app.portfolio.models import Share
from app.portfolio.services import (
    current_class,
    element_texts,
    ensure_steps,
    placed_bookings,
    pupil_steps,
    step_view,
    where,
)
from app.portfolio.sharing import shared_item_ids
from app.schools.models import School

EXPORT_FORMAT = "anschluss-mein-weg/1"
CATEGORIES = ("portfolio", "interest_profiles")


def record_export(pupil, categories: tuple[str, ...] = CATEGORIES) -> None:
    """Audit a pupil's export of their own data (PDF or JSON) as a data subject request."""
    audit.record(
        pupil, "export", "pupil_export", [pupil.id], audit.Purpose.DATA_SUBJECT_REQUEST, categories
    )


def _all_shares(pupil_id: int) -> list[dict]:
    shares = db.session.scalars(
        select(Share).where(Share.pupil_id == pupil_id).order_by(Share.created_at, Share.id)
    )
    return [
        {
            "item_type": s.item_type,
            "item_id": s.item_id,
            "grantee": s.grantee,
            "created_at": s.created_at,
            "revoked_at": s.revoked_at,
        }
        for s in shares
    ]


def _steps_with_bookings(pupil_id: int, school_class) -> tuple[list, dict[int, dict]]:
    """The pupil's steps with their statuses as "Mein Weg" shows them (bookings included)."""
    jahrgang = school_class.jahrgang if school_class else None
    here = where(pupil_id)
    booked = pupil_bookings(pupil_id)
    ensure_steps(pupil_id, jahrgang, booking_jahrgaenge(booked, here.profile), here.profile)
    steps = sorted(pupil_steps(pupil_id), key=lambda s: (s.jahrgang, s.id))
    return steps, placed_bookings(pupil_id, steps, booked, here)


def portfolio_document(pupil) -> dict:
    """The pupil's portfolio views: interest profiles, steps with bookings, shares (not audited:
    the caller records the data subject request)."""
    school_class = current_class(pupil.id)
    school = db.session.get(School, pupil.school_id) if pupil.school_id else None
    steps, placed = _steps_with_bookings(pupil.id, school_class)
    texts = element_texts({s.sbo_kuerzel for s in steps})
    shared = shared_item_ids(pupil.id, "step")
    rows = pupil_profiles(pupil.id)
    shared_profiles = shared_item_ids(pupil.id, "interest_profile")
    profiles = [
        {
            **profile_view(p, p.id in shared_profiles, rows[i + 1] if i + 1 < len(rows) else None),
            "answers": p.answers,
        }
        for i, p in enumerate(rows)
    ]
    return {
        "format": EXPORT_FORMAT,
        "exported_at": clock.now(),
        "pupil": {
            "first_name": pupil.first_name,
            "last_name": pupil.last_name,
            "school": school.name if school else None,
            "class_name": school_class.name if school_class else None,
            "jahrgang": school_class.jahrgang if school_class else None,
        },
        "interest_profiles": profiles,
        "steps": [overlay(step_view(s, texts, shared), placed.get(s.id)) for s in steps],
        "shares": _all_shares(pupil.id),
        "attributions": {
            "questionnaire": catalog.questionnaire()["attribution"],
            "occupations": catalog.occupation_attribution(),
        },
    }
