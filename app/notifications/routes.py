"""The user's own inbox: list (with unread count), mark one or all as read."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.auth.sessions import current_session_id
from app.core.api import problems
from app.core.policy import ROLES, access, allow, authenticated
from app.extensions import db
from app.notifications import push, services
from app.notifications.models import Notification
from app.notifications.schemas import (
    InboxPageSchema,
    InboxQuerySchema,
    NotificationSchema,
    PushStateSchema,
    PushSubscriptionInputSchema,
    PushSubscriptionSchema,
    PushUnsubscribeSchema,
    ReadAllSchema,
)

blp = Blueprint(
    "notifications", __name__, url_prefix="/api/v1", description="In-app notifications (inbox)"
)


def notification_is_own(user, args) -> bool | None:
    """Another user's notification does not exist for the caller (404, not 403)."""
    notification_id = args.get("notification_id")
    if not isinstance(notification_id, int):
        return None
    entry = db.session.get(Notification, notification_id)
    return None if entry is None or entry.user_id != user.id else True


OWN_ONLY = allow(
    "Everyone reads and marks only their own notifications",
    **{role: notification_is_own for role in ROLES},
)


@blp.route("/me/notifications", methods=["GET"])
@access(authenticated("Everyone has an inbox of their own"))
@blp.arguments(InboxQuerySchema, location="query")
@blp.response(200, InboxPageSchema)
def list_notifications(query):
    """My notifications, newest first, with the number of unread ones."""
    return services.inbox(current_user, **query)


@blp.route("/me/notifications/<int:notification_id>/read", methods=["POST"])
@access(OWN_ONLY)
@blp.response(200, NotificationSchema)
@problems(blp, (404, "No such notification of yours"))
def read_notification(notification_id: int):
    """Mark one of my notifications as read."""
    return services.mark_read(current_user, notification_id)


@blp.route("/me/notifications/read-all", methods=["POST"])
@access(authenticated("Everyone may mark their own inbox as read"))
@blp.response(200, ReadAllSchema)
def read_all_notifications():
    """Mark all my notifications as read."""
    return services.mark_all_read(current_user)


_PUSH = allow("Pupils allow push notices on their own devices", pupil=lambda _u, _a: True)


@blp.route("/me/push-subscriptions", methods=["GET"])
@access(_PUSH)
@blp.response(200, PushStateSchema)
def my_push_subscriptions():
    """The server's VAPID public key (null: push not offered) and my devices' subscriptions."""
    return push.mine(current_user)


@blp.route("/me/push-subscriptions", methods=["POST"])
@access(_PUSH)
@blp.arguments(PushSubscriptionInputSchema)
@blp.response(201, PushSubscriptionSchema)
@problems(blp, (422, "Push not configured on this server (push-not-configured)"))
def subscribe_push(data: dict):
    """Allow push on this device (ends with this login or when the push service drops it)."""
    user = current_user._get_current_object()
    return push.subscribe(user, current_session_id(user), data)


@blp.route("/me/push-subscriptions", methods=["DELETE"])
@access(_PUSH)
@blp.arguments(PushUnsubscribeSchema, required=False)
@blp.response(204)
def unsubscribe_push(data):
    """Stop push on this device (endpoint given) or on all my devices."""
    push.unsubscribe(current_user, (data or {}).get("endpoint"))
