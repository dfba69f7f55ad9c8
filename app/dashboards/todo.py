"""What waits for a class teacher or StuBO: counts per class, each leading to the screen where
it is done (booking requests to confirm, pupils' Anschluss reports to decide, leavers whose
Anschlussvereinbarung has an overdue step), plus the unread notifications.

Counts only, no pupil's data: nothing to audit. Two statements whatever the number of classes
and pupils (the classes with their counts as correlated sub-selects, the unread count).
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.anschluss.models import AnschlussReport, Anschlussvereinbarung, NextStep
from app.core import clock
from app.extensions import db
from app.internships.models import Booking
from app.notifications.models import Notification
from app.schools.models import ClassMembership, SchoolClass, SchoolYear
from app.schools.teaching import current_class_clause, taught_class_ids

TODO_COUNTS = ("booking_requests", "pending_reports", "overdue_agreements")


def _members(class_id_column):
    # Correlated to the outer SELECT of classes, two levels up (auto-correlation reaches only
    # the enclosing SELECT, which here is the count).
    return (
        select(ClassMembership.pupil_id)
        .where(ClassMembership.class_id == class_id_column)
        .correlate(SchoolClass)
    )


def _count_columns(today):
    class_id = SchoolClass.id
    requests = (
        select(func.count(Booking.id))
        .where(Booking.status == "requested", Booking.pupil_id.in_(_members(class_id)))
        .scalar_subquery()
    )
    reports = (
        select(func.count(AnschlussReport.id))
        .where(
            AnschlussReport.state == "pending",
            AnschlussReport.school_year_id == SchoolClass.school_year_id,
            AnschlussReport.pupil_id.in_(_members(class_id)),
        )
        .scalar_subquery()
    )
    overdue = (
        select(func.count(func.distinct(NextStep.pupil_id)))
        .join(Anschlussvereinbarung, Anschlussvereinbarung.id == NextStep.agreement_id)
        .where(
            Anschlussvereinbarung.is_current,
            NextStep.done_at.is_(None),
            NextStep.due_on < today,
            NextStep.pupil_id.in_(_members(class_id)),
        )
        .scalar_subquery()
    )
    return [
        requests.label("booking_requests"),
        reports.label("pending_reports"),
        overdue.label("overdue_agreements"),
    ]


def staff_todo(user) -> dict:
    """The to-do list of a class teacher (the classes taught now) or a StuBO (the school's
    current classes)."""
    today = clock.today()
    query = (
        select(SchoolClass.id, SchoolClass.name, SchoolClass.jahrgang, *_count_columns(today))
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(current_class_clause(today))
        .order_by(SchoolClass.name, SchoolClass.id)
    )
    if user.role == "teacher":
        query = query.where(SchoolClass.id.in_(taught_class_ids(user.id, today)))
    else:
        query = query.where(SchoolClass.school_id == user.school_id)
    classes = [
        {"class_id": row.id, "class_name": row.name, "jahrgang": row.jahrgang}
        | {name: getattr(row, name) or 0 for name in TODO_COUNTS}
        for row in db.session.execute(query)
    ]
    unread = db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )
    totals = {name: sum(item[name] for item in classes) for name in TODO_COUNTS}
    return {"classes": classes, "totals": totals, "unread_notifications": unread or 0}
