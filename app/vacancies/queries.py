"""The SQL side of Ausbildungsplätze: which vacancies are live and which leavers look for one.

Kept apart from loading.py/scoring.py (numpy): screens, the Kommune's supply view and the
import job use these clauses without loading numpy, so a worker starts without it
(tests/core/test_startup_imports.py); numpy is imported by the first match request.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from app.anschluss.cohort_terms import record_of_membership, status_column
from app.anschluss.models import SECURED_STATUSES, Anschluss
from app.auth.models import User
from app.internships.models import Provider
from app.schools.leaving import leaver_clause
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear
from app.vacancies.models import Vacancy

# A vacancy whose start lies further back than this is no longer offered to anybody: the
# matching excludes it and the import job expires it.
LATE_START_DAYS = 60


def live_clause(today: date):
    """A vacancy pupils and coordinators may see: open, deadline not passed, and either
    imported or of a provider the Kommune approved."""
    provider = aliased(Provider)  # the outer query may join Provider itself
    approved = (
        select(provider.id)
        .where(provider.id == Vacancy.provider_id, provider.approved_at.is_not(None))
        .correlate(Vacancy)
    )
    return and_(
        Vacancy.status == "open",
        or_(Vacancy.apply_until.is_(None), Vacancy.apply_until >= today),
        or_(Vacancy.source == "ba", approved.exists()),
    )


def leaver_query(today: date):
    """Members of leaving classes of the current school year without a secured Anschluss:
    pupil id, certificate, home and school postcode."""
    certificate = func.coalesce(Anschluss.achieved_certificate, Anschluss.expected_certificate)
    return (
        select(
            ClassMembership.pupil_id.label("key"),
            ClassMembership.pupil_id.label("pupil_id"),
            certificate.label("certificate"),
            func.coalesce(func.nullif(User.postcode, ""), School.postcode).label("postcode"),
        )
        .select_from(SchoolClass)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .join(School, School.id == SchoolClass.school_id)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(User, User.id == ClassMembership.pupil_id)
        .outerjoin(Anschluss, record_of_membership())
        .where(
            SchoolYear.starts_on <= today,
            SchoolYear.ends_on >= today,
            leaver_clause(),
            status_column().not_in(SECURED_STATUSES),
            User.active,
        )
    )
