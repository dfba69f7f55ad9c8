"""Sharing: the pupil shows one item to the class teacher, and can withdraw it again.

Items are private by default. A teacher reads only items with an active share; unshared
items are not even counted in what the teacher receives.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import clock
from app.core.errors import Invalid
from app.extensions import db
from app.interests.models import InterestProfile
from app.portfolio.models import PortfolioStep, Share

ITEM_MODELS = {"step": PortfolioStep, "interest_profile": InterestProfile}


def shared_item_ids(pupil_id: int, item_type: str) -> set[int]:
    """Ids of the pupil's items of this type with an active share (one query)."""
    return set(
        db.session.scalars(
            select(Share.item_id).where(
                Share.pupil_id == pupil_id,
                Share.item_type == item_type,
                Share.revoked_at.is_(None),
            )
        )
    )


def _active(pupil_id: int, item_type: str, item_id: int) -> Share | None:
    return db.session.scalar(
        select(Share).where(
            Share.pupil_id == pupil_id,
            Share.item_type == item_type,
            Share.item_id == item_id,
            Share.revoked_at.is_(None),
        )
    )


def share_item(pupil, item_type: str, item_id: int) -> tuple[Share, bool]:
    """Share an own item with the class teacher; (share, created). Sharing twice is a no-op."""
    item = db.session.get(ITEM_MODELS[item_type], item_id)
    if item is None or item.pupil_id != pupil.id:
        raise Invalid("share-not-own-item", field="item_id")
    existing = _active(pupil.id, item_type, item_id)
    if existing is not None:
        return existing, False
    share = Share(pupil_id=pupil.id, item_type=item_type, item_id=item_id)
    try:
        with db.session.begin_nested():
            db.session.add(share)
            db.session.flush()
    except IntegrityError:
        # The same share arrived twice at once (outbox retry): keep the first.
        return _active(pupil.id, item_type, item_id), False
    return share, True


def withdraw_share(pupil, item_type: str, item_id: int) -> None:
    """End the share of an item; withdrawing an unshared item changes nothing (idempotent,
    so a withdrawal queued offline and sent twice is harmless)."""
    share = _active(pupil.id, item_type, item_id)
    if share is not None:
        share.revoked_at = clock.now()
        db.session.flush()


def active_shares(pupil_id: int) -> list[Share]:
    return list(
        db.session.scalars(
            select(Share)
            .where(Share.pupil_id == pupil_id, Share.revoked_at.is_(None))
            .order_by(Share.created_at, Share.id)
        )
    )
