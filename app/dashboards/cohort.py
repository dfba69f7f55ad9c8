"""Leaver cohorts: one row per pupil with Anschluss, KAoA facts and explainable risk reasons.

The facts, the risk reasons and the Verantwortungskette outcome (case status of handed-over
leavers) are columns of one SELECT (correlated probes on per-pupil indexes), so filtering by
a reason, sorting by risk and paging happen in SQL; only the rows of the page are completed
in Python, by the portfolio's effective steps (missing steps): constant statements.
Risk is the *list* of reasons — sorting by risk sorts by how many reasons apply, nothing is
weighted or hidden.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, not_, or_, select

from app.anschluss import reference
from app.anschluss.cohort_terms import status_column
from app.anschluss.models import (
    SECURED_STATUSES,
    Anschluss,
    AnschlussReport,
    Anschlussvereinbarung,
    NextStep,
)
from app.auth.models import User
from app.dashboards import kaoa
from app.portfolio import plan
from app.schools.leaving import application_period_open, leaver_clause
from app.schools.models import ClassMembership, SchoolClass
from app.verantwortungskette.cases import case_outcome_expr, case_outcomes_for_pupils

APPLIED_STATUSES = ("beworben", "zugesagt", "angetreten")
RISK_REASONS = ("no_internship", "no_counselling", "no_application", "overdue_next_step")
# Secondary orders of the sorts; each ends with the pupil id, so pages never overlap.
NAME_ORDER = ("last_name", "first_name", "pupil_id")
CLASS_ORDER = ("class_name", "last_name", "first_name", "pupil_id")


def membership_join(query):
    """Classes → memberships → pupils, LEFT JOIN the Anschluss of that school year."""
    return query.join(ClassMembership, ClassMembership.class_id == SchoolClass.id).outerjoin(
        Anschluss,
        and_(
            Anschluss.pupil_id == ClassMembership.pupil_id,
            Anschluss.school_year_id == SchoolClass.school_year_id,
        ),
    )


def _fact_columns(today):
    pupil = ClassMembership.pupil_id
    has_agreement = kaoa.probe(Anschlussvereinbarung.pupil_id == pupil)
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
    pending = kaoa.probe(AnschlussReport.pupil_id == pupil, AnschlussReport.state == "pending")
    # A Praktikum counts when a booking shows it or the pupil marked it done in "Mein Weg";
    # counselling when there is an Anschlussvereinbarung or a counselling step is done.
    internship = or_(
        kaoa.internship_done_expr(pupil, today),
        kaoa.portfolio_done_expr(pupil, kaoa.INTERNSHIP_STEPS),
    )
    counselled = or_(has_agreement, kaoa.portfolio_done_expr(pupil, kaoa.COUNSELLING_STEPS))
    return [
        has_agreement.label("has_agreement"),
        func.coalesce(overdue, 0).label("overdue_steps"),
        pending.label("pending_report"),
        internship.label("internship_done"),
        counselled.label("counselled"),
        case_outcome_expr(pupil).label("case_status"),
        application_period_open(today).label("applications_open"),
    ]


def _risk_flags(facts) -> dict:
    """One SQL boolean per reason (see RISK_REASONS); a secured leaver has none; "no
    application" only once the Kommune's application period has opened (docs/glossary.md)."""
    open_ = facts.c.status.not_in(SECURED_STATUSES)
    return {
        # A Berufskolleg course's plan has no Praktikum of KAoA: no reason there.
        "no_internship": and_(
            open_, not_(facts.c.internship_done), not_(facts.c.jahrgang.like("BK%"))
        ),
        "no_counselling": and_(open_, not_(facts.c.counselled)),
        "no_application": and_(
            open_, facts.c.applications_open, facts.c.status.not_in(APPLIED_STATUSES)
        ),
        "overdue_next_step": and_(open_, facts.c.overdue_steps > 0),
    }


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
        leaver_clause(),
    )


def _facts_query(*, school_id=None, class_id=None, school_year_id=None, filters=None):
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
        *_fact_columns(reference.today()),
    ).select_from(SchoolClass)
    query = membership_join(query).join(User, User.id == ClassMembership.pupil_id)
    if class_id is not None:
        query = query.where(SchoolClass.id == class_id)
    else:
        query = query.where(
            SchoolClass.school_id == school_id,
            SchoolClass.school_year_id == school_year_id,
            leaver_clause(),
        )
    return _filtered(query, filters or {})


def rows_query(*, sort: str = "name", risk_reason: str | None = None, **scope):
    """The cohort SELECT with one column per risk flag and `risk_count`, filtered and in the
    order of `sort` ("risk", "class" or "name"). Scope: `school_id` + `school_year_id` for a
    school, or a `class_id`; `filters` as the leaver list takes them."""
    facts = _facts_query(**scope).subquery("facts")
    flags = _risk_flags(facts)
    risk_count = sum(case((flag, 1), else_=0) for flag in flags.values())
    query = select(
        facts,
        *(flag.label(f"risk_{reason}") for reason, flag in flags.items()),
        risk_count.label("risk_count"),
    )
    if risk_reason:
        query = query.where(flags[risk_reason])
    first = [risk_count.desc()] if sort == "risk" else []
    names = NAME_ORDER if sort == "name" else CLASS_ORDER
    return query.order_by(*first, *(facts.c[name] for name in names))


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


def risk_reasons(row) -> list[str]:
    """The reasons whose flag is set on a row of `rows_query`, in RISK_REASONS order."""
    return [reason for reason in RISK_REASONS if getattr(row, f"risk_{reason}")]


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


def complete_rows(rows) -> list[dict]:
    """Rows of `rows_query` (a page, a class) as the API shows them: with the missing KAoA
    steps of these pupils only, from the portfolio's effective steps."""
    pupil_ids = [row.pupil_id for row in rows]
    steps = kaoa.completed_steps(pupil_ids) if pupil_ids else {}
    result = []
    for row in rows:
        reasons = risk_reasons(row)
        has_agreement = bool(row.has_agreement)
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
                "internship_done": bool(row.internship_done),
                "has_agreement": has_agreement,
                "overdue_steps": row.overdue_steps or 0,
                "pending_report": bool(row.pending_report),
                "missing_steps": kaoa.missing_steps(
                    steps.get(row.pupil_id, ({}, plan.Profile())), has_agreement, row.jahrgang
                ),
                "risk_reasons": reasons,
                "traffic_light": traffic_light(row.status, reasons),
                "case_status": row.case_status,
            }
        )
    return result
