"""Reading an activation link the way its owner does: from the mail in the outbox."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.notifications.models import OutboxMail

LINK = re.compile(r"#/activate\?token=([A-Za-z0-9_-]+)")


def activation_token_of(user_id: int) -> str:
    """The token of the newest activation mail to this user."""
    body = db.session.scalar(
        select(OutboxMail.body).where(OutboxMail.user_id == user_id).order_by(OutboxMail.id.desc())
    )
    assert body, f"no mail to user {user_id}"
    return LINK.search(body).group(1)
