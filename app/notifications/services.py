"""notify(): the one entry point features call when something happened to a user.

It writes the inbox entry and queues the e-mail in the caller's transaction (flush, never
commit): if the caller's change rolls back, neither exists. Reading and marking the inbox
live here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert, select, update

from app.auth.models import User
from app.core import clock
from app.core.errors import NotFound
from app.core.pagination import paginate
from app.extensions import db
from app.notifications import mail, push
from app.notifications.models import Notification
from app.notifications.presenting import NOBODY, present, subject_of
from app.notifications.templates import render


def _entry_values(user: User, kind: str, data: dict, dedupe_key: str | None) -> dict:
    """A staff notice about a pupil keeps the pupil's id, not the name (presenting.py)."""
    subject = subject_of(data, user.id)
    if subject is not None:
        data = {key: value for key, value in data.items() if key != "pupil_name"}
    shown = {**data, "pupil_name": NOBODY} if subject is not None else data
    texts = render(kind, shown, recipient_is_subject=subject is None)
    return {
        "user_id": user.id,
        "subject_pupil_id": subject,
        "kind": kind,
        "data": data,
        "dedupe_key": dedupe_key,
        **texts,
    }


def _entry(user: User, kind: str, data: dict, dedupe_key: str | None) -> Notification:
    return Notification(**_entry_values(user, kind, data, dedupe_key))


def _insert_entries(users: list[User], kind: str, data_of) -> int:
    """One batched INSERT … RETURNING for the entries, one batched INSERT for their mails."""
    if not users:
        return 0
    now = clock.now()
    rows = [{**_entry_values(u, kind, data_of(u), None), "created_at": now} for u in users]
    entries = db.session.scalars(insert(Notification).returning(Notification), rows).all()
    by_id = {user.id: user for user in users}
    mail.queue_many((by_id[entry.user_id], entry) for entry in entries)
    push.queue(entries)
    return len(entries)


def notify(user_id: int, kind: str, data: dict, *, dedupe_key: str | None = None) -> None:
    """Inbox entry + queued e-mail for one user, in the current transaction."""
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        return
    entry = _entry(user, kind, dict(data), dedupe_key)
    db.session.add(entry)
    db.session.flush()
    mail.queue_for(user, entry)
    push.queue([entry])


def notify_many(user_ids: Iterable[int], kind: str, data: dict) -> int:
    """The same event for many users (round opened, unassigned pupils): one user query."""
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    users = db.session.scalars(select(User).where(User.id.in_(ids), User.active.is_(True))).all()
    return _insert_entries(users, kind, lambda user: {**data, "pupil_id": user.id})


def notify_each(kind: str, data_by_user: dict[int, dict]) -> int:
    """A different event payload per user (e.g. each pupil's own booking), set-based.

    Same semantics as notify() for every user — inbox entry + queued e-mail in the caller's
    transaction, inactive users skipped — but one user query and batched INSERTs whatever
    the number of users.
    """
    if not data_by_user:
        return 0
    users = db.session.scalars(
        select(User).where(User.id.in_(sorted(data_by_user)), User.active.is_(True))
    ).all()
    return _insert_entries(users, kind, lambda user: dict(data_by_user[user.id]))


def mark_handled(kind: str, key: str, values: Iterable[int]) -> int:
    """Mark every unread notification of `kind` about one of `values` (its data[key]) as read,
    for all its recipients: once someone has handled a request, nobody's inbox should still
    ask for it. One UPDATE."""
    values = sorted(set(values))
    if not values:
        return 0
    result = db.session.execute(
        update(Notification)
        .where(
            Notification.kind == kind,
            Notification.read_at.is_(None),
            Notification.data[key].as_integer().in_(values),
        )
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def inbox(user, *, page: int, per_page: int, unread_only: bool = False) -> dict:
    """A page of the user's notifications, newest first, with total and unread counts."""
    base = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        base = base.where(Notification.read_at.is_(None))
    newest_first = base.order_by(Notification.created_at.desc(), Notification.id.desc())
    page_of = paginate(newest_first, page, per_page)
    return {**page_of, "items": present(page_of["items"]), "unread": unread_count(user)}


def unread_count(user) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def mark_read(user, notification_id: int) -> dict:
    entry = db.session.get(Notification, notification_id)
    if entry is None or entry.user_id != user.id:
        raise NotFound("notification-not-found")
    if entry.read_at is None:
        entry.read_at = clock.now()
        db.session.flush()
    return present([entry])[0]


def mark_all_read(user) -> dict:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    return {"marked": result.rowcount, "unread": 0}
