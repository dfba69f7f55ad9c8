"""The receiving Berufskolleg: who is coming (incoming pupils), who arrived, who did not.

Incoming pupils are leavers of the Kommune's schools whose *chosen* application names this
Berufskolleg and is sent or accepted (angemeldet / zugesagt), from the school years that ended
within the last year or are running. The Berufskolleg sees only what a receiving school needs:
name, birth date, leaving school, Bildungsgang (option), status, start, arrival and the
Schulpflicht flag — the VO-DV I § 7 data set (contact, Schülernummer, class, certificate)
only after the leaving school has passed it on (transfers.school_transfer).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, func, literal, select
from sqlalchemy.orm import aliased

from app.anschluss.models import Anschluss, Application
from app.auth.models import User
from app.core import audit, clock
from app.core.pagination import paginate
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear
from app.transition import schulpflicht
from app.verantwortungskette.models import Handover

INCOMING_STATUSES = ("beworben", "einladung", "zugesagt", "zugesagt_vorbehalt")
CATEGORIES = ("identity", "anschluss")
leaving_school = aliased(School)


def _transferred(bk_id: int):
    """When the leaving school passed the Schulpflicht data set to this school (or NULL)."""
    return (
        select(func.min(Handover.handed_over_at))
        .where(
            Handover.pupil_id == Application.pupil_id,
            Handover.kind == "school_transfer",
            Handover.recipient_school_id == bk_id,
        )
        .scalar_subquery()
    )


def incoming_query(bk: School, pending_only: bool = False, pupil_ids=None):
    """One SELECT for the whole list (paged by core/pagination)."""
    query = (
        select(
            Application.id.label("application_id"),
            Application.pupil_id,
            User.first_name,
            User.last_name,
            User.birth_date,
            User.street,
            User.postcode,
            User.city,
            User.email,
            User.external_id,
            leaving_school.name.label("leaving_school"),
            SchoolClass.name.label("class_name"),
            Application.option_code,
            Application.status.label("application_status"),
            Application.starts_on,
            Application.arrival,
            func.coalesce(Anschluss.status, literal("offen")).label("record_status"),
            Anschluss.option_code.label("record_option"),
            Anschluss.closed_reason,
            func.coalesce(Anschluss.achieved_certificate, Anschluss.expected_certificate).label(
                "certificate"
            ),
            _transferred(bk.id).label("transferred_at"),
        )
        .join(User, User.id == Application.pupil_id)
        .join(leaving_school, leaving_school.id == User.school_id)
        .join(SchoolYear, SchoolYear.id == Application.school_year_id)
        .outerjoin(
            Anschluss,
            and_(
                Anschluss.pupil_id == Application.pupil_id,
                Anschluss.school_year_id == Application.school_year_id,
            ),
        )
        .outerjoin(
            ClassMembership,
            and_(
                ClassMembership.pupil_id == Application.pupil_id,
                ClassMembership.school_year_id == Application.school_year_id,
            ),
        )
        .outerjoin(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(
            Application.target_school_id == bk.id,
            Application.is_chosen,
            Application.status.in_(INCOMING_STATUSES),
            leaving_school.kommune_id == bk.kommune_id,
            SchoolYear.ends_on >= clock.today() - timedelta(days=366),
        )
    )
    if pending_only:
        query = query.where(Application.arrival.is_(None))
    if pupil_ids is not None:
        query = query.where(Application.pupil_id.in_(pupil_ids))
    return query.order_by(User.last_name, User.first_name, Application.id)


def item(row, today) -> dict:
    facts = schulpflicht.Facts(
        birth_date=row.birth_date,
        status=row.record_status,
        option_code=row.record_option,
        arrived=row.arrival == "arrived",
    )
    transfer = None
    if row.transferred_at is not None:
        transfer = {
            "transferred_at": row.transferred_at,
            "street": row.street,
            "postcode": row.postcode,
            "city": row.city,
            "email": row.email,
            "school_number": row.external_id,
            "class_name": row.class_name,
            "certificate": row.certificate,
        }
    return {
        "pupil_id": row.pupil_id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "birth_date": row.birth_date,
        "leaving_school": row.leaving_school,
        "option_code": row.option_code,
        "application_status": row.application_status,
        "starts_on": row.starts_on,
        "arrival": row.arrival,
        "schulpflicht": schulpflicht.flag(facts, today),
        "transfer": transfer,
    }


def incoming(user, school: School, query: dict) -> dict:
    """A page of incoming pupils (two statements plus the audit record)."""
    page = paginate(
        incoming_query(school, query.get("pending", False)),
        query["page"],
        query["per_page"],
        entities=False,
    )
    today = clock.today()
    rows = page["items"]
    audit.record(
        user,
        "read",
        "incoming",
        [row.pupil_id for row in rows],
        audit.Purpose.SCHOOL_TRANSFER,
        CATEGORIES,
    )
    return {**page, "items": [item(row, today) for row in rows]}
