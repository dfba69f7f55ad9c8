"""Web push for those who allow it (pywebpush, VAPID keys from configuration).

A pupil's browser subscribes once per device (`POST /me/push-subscriptions`); the subscription
belongs to the login it was made in and ends with it. Some inbox notices are also pushed:
booking confirmed, a waiting-list place, the reminder the day before, a coordinator's message.
They are queued in the same transaction as the inbox entry and delivered outside the request
(`flask notifications send`); a push service answering 404 or 410 ends the subscription.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import delete, insert, select

from app.auth.models import PushSubscription, User, UserSession
from app.core import clock
from app.core.errors import Invalid
from app.extensions import db
from app.notifications.models import Notification, PushMessage
from app.notifications.presenting import present

log = logging.getLogger("anschluss.push")
PUSH_KINDS = ("booking_confirmed", "booking_promoted", "booking_reminder", "coordinator_message")
MAX_ATTEMPTS = 5
GONE = (404, 410)


def enabled() -> bool:
    config = current_app.config
    return bool(config.get("VAPID_PRIVATE_KEY") and config.get("VAPID_PUBLIC_KEY"))


def public_key() -> str | None:
    return current_app.config.get("VAPID_PUBLIC_KEY") or None


def subscribe(user, session_id: int | None, data: dict) -> dict:
    """Store this device's subscription (a known endpoint moves to this login)."""
    if not enabled():
        raise Invalid("push-not-configured", field="endpoint")
    if session_id is None:
        raise Invalid("push-needs-session", field="endpoint")
    db.session.execute(
        delete(PushSubscription).where(PushSubscription.endpoint == data["endpoint"])
    )
    row = PushSubscription(
        user_id=user.id,
        session_id=session_id,
        endpoint=data["endpoint"],
        p256dh=data["keys"]["p256dh"],
        auth=data["keys"]["auth"],
    )
    db.session.add(row)
    db.session.flush()
    return view(row)


def unsubscribe(user, endpoint: str | None) -> int:
    """End this device's subscription (or, without an endpoint, every one of the user's)."""
    query = delete(PushSubscription).where(PushSubscription.user_id == user.id)
    if endpoint:
        query = query.where(PushSubscription.endpoint == endpoint)
    return db.session.execute(query).rowcount


def view(row: PushSubscription) -> dict:
    return {"id": row.id, "endpoint": row.endpoint, "created_at": row.created_at}


def mine(user) -> dict:
    rows = db.session.scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id == user.id)
        .order_by(PushSubscription.id)
    )
    return {"vapid_public_key": public_key(), "subscriptions": [view(row) for row in rows]}


def queue(entries: Iterable[Notification]) -> int:
    """One push row per device of each entry's user, for the kinds people get pushed."""
    entries = [entry for entry in entries if entry.kind in PUSH_KINDS]
    if not entries or not enabled():
        return 0
    devices = db.session.execute(
        select(PushSubscription.id, PushSubscription.user_id).where(
            PushSubscription.user_id.in_({entry.user_id for entry in entries})
        )
    ).all()
    rows = [
        {
            "subscription_id": device_id,
            "user_id": entry.user_id,
            "notification_id": entry.id,
            "status": "pending",
            "attempts": 0,
            "created_at": clock.now(),
        }
        for entry in entries
        for device_id, owner in devices
        if owner == entry.user_id
    ]
    if rows:
        db.session.execute(insert(PushMessage), rows)
    return len(rows)


def _payload(entry: Notification, user: User) -> str:
    """Rendered at sending: a staff notice names the pupil only now (presenting.py)."""
    english = user.language == "en"
    view = present([entry])[0]
    return json.dumps(
        {
            "title": view["title_en"] if english else view["title_de"],
            "body": view["body_en"] if english else view["body_de"],
            "link": view["link"],
        },
        ensure_ascii=False,
    )


def _deliver(message: PushMessage, subscription: PushSubscription, payload: str) -> int | None:
    """Send one push; the push service's status on failure, None on success."""
    from pywebpush import WebPushException, webpush  # loaded by the sender only

    config = current_app.config
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=payload,
            vapid_private_key=config["VAPID_PRIVATE_KEY"],
            vapid_claims={"sub": config["VAPID_SUBJECT"]},
            timeout=10,
        )
    except WebPushException as error:
        return error.response.status_code if error.response is not None else 0
    return None


def send_pending(limit: int = 200) -> dict:
    """Deliver queued pushes; subscriptions of ended logins and expired ones are removed."""
    counts = {"sent": 0, "removed": 0, "failed": 0}
    ended = select(UserSession.id).where(UserSession.revoked_at.is_not(None))
    counts["removed"] += db.session.execute(
        delete(PushSubscription).where(PushSubscription.session_id.in_(ended))
    ).rowcount
    rows = db.session.execute(
        select(PushMessage, PushSubscription, Notification, User)
        .join(PushSubscription, PushSubscription.id == PushMessage.subscription_id)
        .join(Notification, Notification.id == PushMessage.notification_id)
        .join(User, User.id == PushMessage.user_id)
        .where(PushMessage.status == "pending")
        .order_by(PushMessage.id)
        .limit(limit)
    ).all()
    gone: set[int] = set()
    for message, subscription, entry, user in rows:
        if subscription.id in gone:
            continue
        status = _deliver(message, subscription, _payload(entry, user))
        if status is None:
            message.status, message.sent_at = "sent", clock.now()
            counts["sent"] += 1
        elif status in GONE:
            gone.add(subscription.id)
        else:
            message.attempts += 1
            if message.attempts >= MAX_ATTEMPTS:
                message.status = "failed"
                counts["failed"] += 1
            log.warning("push to subscription %s failed with %s", subscription.id, status)
    if gone:
        counts["removed"] += db.session.execute(
            delete(PushSubscription).where(PushSubscription.id.in_(gone))
        ).rowcount
    db.session.commit()
    return counts
