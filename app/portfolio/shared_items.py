"""The items a pupil shared with the class teacher: shared steps and interest profiles only
(a read of the pupil's personal data, audited)."""

from __future__ import annotations

from sqlalchemy import and_, select

from app.auth.models import User
from app.core import audit
from app.extensions import db
from app.interests.models import InterestProfile
from app.portfolio import attachments
from app.portfolio.models import PortfolioStep, Share
from app.portfolio.services import element_texts, step_view


def _shared(model, item_type: str, pupil_id: int) -> list:
    return list(
        db.session.scalars(
            select(model)
            .join(
                Share,
                and_(
                    Share.item_id == model.id,
                    Share.item_type == item_type,
                    Share.revoked_at.is_(None),
                    Share.pupil_id == pupil_id,
                ),
            )
            .where(model.pupil_id == pupil_id)
            .order_by(model.id)
        )
    )


def pupil_shared_items(user, pupil_id: int) -> dict:
    """What the pupil chose to show the class teacher — nothing else (audited)."""
    pupil = db.session.get(User, pupil_id)
    steps = _shared(PortfolioStep, "step", pupil_id)
    profiles = _shared(InterestProfile, "interest_profile", pupil_id)
    texts = element_texts({s.sbo_kuerzel for s in steps})
    files = attachments.by_step([s.id for s in steps])
    audit.record(
        user,
        "read",
        "shared_items",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        categories=("reflections", "interest_profile"),
    )
    return {
        "pupil": {"id": pupil.id, "first_name": pupil.first_name, "last_name": pupil.last_name},
        "steps": [
            {**step_view(s, texts, {s.id}), "attachments": files.get(s.id, [])} for s in steps
        ],
        "interest_profiles": [
            {
                "id": p.id,
                "created_at": p.created_at,
                "scores": p.scores,
                "code": p.code,
                "ties": p.ties,
                "berufsfelder": p.berufsfelder[:3],
                "explore": p.explore,
            }
            for p in profiles
        ],
    }
