"""Leaver cohorts: one row per pupil with Anschluss, KAoA facts and explainable risk reasons.

One SELECT fetches every row of a school's cohort (or a class) with the facts as correlated
sub-queries; the portfolio adapter adds at most one more query, the Verantwortungskette
outcome (case status of handed-over leavers) exactly one. Risk is the *list* of reasons —
sorting by risk sorts by how many reasons apply, nothing is weighted or hidden.
"""

from __future__ import annotations

from sqlalchemy import and_, func, literal, select

from app.anschluss import reference
from app.anschluss.cohort_terms import leaving_class_clause, status_column
from app.anschluss.models import (
    SECURED_STATUSES,
    Anschluss,
    AnschlussReport,
    Anschlussvereinbarung,
    NextStep,
)
from app.auth.models import User
from app.dashboards import kaoa
from app.extensions import db
from app.schools.models import ClassMembership, SchoolClass
from app.verantwortungskette.cases import case_outcomes_for_pupils

APPLIED_STATUSES = ("beworben", "zugesagt", "angetreten")
RISK_REASONS = ("no_internship", "no_counselling", "no_application", "overdue_next_step")


def membership_join(query):
    """Classes → memberships → pupils, LEFT JOIN the Anschluss of that school year."""
    return query.join(ClassMembership, ClassMembership.class_id == SchoolClass.id).outerjoin(
        Anschluss,
        and_(
            Anschluss.pupil_id == ClassMembership.pupil_id,
            Anschluss.school_year_id == SchoolClass.school_year_id,
        ),
    )


def _probe(*conditions):
    """A correlated "is there a row" probe. LIMIT 1 keeps PostgreSQL on the per-pupil index
    instead of hashing the whole table (what it does with EXISTS in a select list)."""
    return select(literal(1)).where(*conditions).limit(1).scalar_subquery().is_not(None)


def _fact_columns(today):
    pupil = ClassMembership.pupil_id
    has_agreement = _probe(Anschlussvereinbarung.pupil_id == pupil)
    overdue = (
        select(func.count(NextStep.id))
        .join(Anschlussvereinbarung, Anschlussvereinbarung.id == NextStep.agreement_id)
        .where(
            NextStep.pupil_id == pupil,
            Anschlussvereinbarung.is_current,
            NextStep.done_at.is_(None),
            NextStep.due_on < today,
        )
        .scalar_subquery()
    )
    pending = _probe(AnschlussReport.pupil_id == pupil, AnschlussReport.state == "pending")
    internship = kaoa.internship_done_expr(pupil, today)
    return [
        has_agreement.label("has_agreement"),
        overdue.label("overdue_steps"),
        pending.label("pending_report"),
        internship.label("internship_done"),
    ]


def cohort_pupils(*, school_id=None, class_id=None, school_year_id=None):
    """The pupil ids of a cohort as a plain sub-select (for look-ups in other features)."""
    query = select(ClassMembership.pupil_id).join(
        SchoolClass, SchoolClass.id == ClassMembership.class_id
    )
    if class_id is not None:
        return query.where(SchoolClass.id == class_id)
    return query.where(
        SchoolClass.school_id == school_id,
        SchoolClass.school_year_id == school_year_id,
        leaving_class_clause(),
    )


def rows_query(*, school_id=None, class_id=None, school_year_id=None, filters=None):
    """The cohort SELECT; `school_id` + `school_year_id` for a school, or a `class_id`."""
    today = reference.today()
    query = select(
        ClassMembership.pupil_id,
        User.first_name,
        User.last_name,
        SchoolClass.id.label("class_id"),
        SchoolClass.name.label("class_name"),
        SchoolClass.jahrgang,
        status_column().label("status"),
        Anschluss.option_code,
        Anschluss.expected_certificate,
        *_fact_columns(today),
    ).select_from(SchoolClass)
    query = membership_join(query).join(User, User.id == ClassMembership.pupil_id)
    if class_id is not None:
        query = query.where(SchoolClass.id == class_id)
    else:
        query = query.where(
            SchoolClass.school_id == school_id,
            SchoolClass.school_year_id == school_year_id,
            leaving_class_clause(),
        )
    return _filtered(query, filters or {})


def _filtered(query, filters: dict):
    if filters.get("class_id"):
        query = query.where(SchoolClass.id == filters["class_id"])
    if filters.get("status"):
        query = query.where(status_column().in_(filters["status"]))
    if filters.get("certificate"):
        query = query.where(
            Anschluss.expected_certificate == reference.certificate_key(filters["certificate"])
        )
    if filters.get("unsecured"):
        query = query.where(status_column().not_in(SECURED_STATUSES))
    return query


def risk_reasons(row, done_steps: set[str] | None, internship: bool | None) -> list[str]:
    """Each reason a leaver may end up without Anschluss; unknown facts give no reason."""
    if row.status in SECURED_STATUSES:
        return []
    reasons = []
    if internship is False:
        reasons.append("no_internship")
    counselled = row.has_agreement or bool(kaoa.portfolio_counselling(done_steps))
    if not counselled:
        reasons.append("no_counselling")
    if row.status not in APPLIED_STATUSES:
        reasons.append("no_application")
    if row.overdue_steps:
        reasons.append("overdue_next_step")
    return reasons


def traffic_light(status: str, reasons: list[str]) -> str:
    """green: secured; red: no Anschluss/unknown or two and more reasons; yellow otherwise."""
    if status in SECURED_STATUSES:
        return "green"
    if status in ("nokean", "unbe") or len(reasons) >= 2:
        return "red"
    return "yellow"


def case_outcomes(pupils) -> dict[int, str]:
    """The Verantwortungskette outcome (case status only) of handed-over leavers; one query."""
    return case_outcomes_for_pupils(pupils)


def build_rows(query, pupils) -> list[dict]:
    """Rows of the cohort query, completed by the portfolio facts of the `pupils` sub-select."""
    rows = db.session.execute(query).all()
    steps = kaoa.completed_steps(pupils)
    case_status = case_outcomes(pupils)
    result = []
    for row in rows:
        done = steps.get(row.pupil_id, set())
        booked = None if row.internship_done is None else bool(row.internship_done)
        internship = kaoa.internship_done(booked, done)
        reasons = risk_reasons(row, done, internship)
        result.append(
            {
                "pupil_id": row.pupil_id,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "class_id": row.class_id,
                "class_name": row.class_name,
                "status": row.status,
                "option_code": row.option_code,
                "expected_certificate": row.expected_certificate,
                "internship_done": internship,
                "has_agreement": bool(row.has_agreement),
                "overdue_steps": row.overdue_steps or 0,
                "pending_report": bool(row.pending_report),
                "missing_steps": kaoa.missing_steps(done, bool(row.has_agreement), row.jahrgang),
                "risk_reasons": reasons,
                "traffic_light": traffic_light(row.status, reasons),
                "case_status": case_status.get(row.pupil_id),
            }
        )
    return result


def sort_rows(rows: list[dict], sort: str) -> list[dict]:
    by_name = sorted(rows, key=lambda r: (r["class_name"], r["last_name"], r["first_name"]))
    if sort == "risk":
        return sorted(by_name, key=lambda r: -len(r["risk_reasons"]))
    if sort == "class":
        return by_name
    return sorted(rows, key=lambda r: (r["last_name"], r["first_name"], r["pupil_id"]))
