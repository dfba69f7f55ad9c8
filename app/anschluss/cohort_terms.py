"""SQL terms for "the leavers of a school year" shared by the leaver views (dashboards), the
transition and the Verantwortungskette: who leaves is the rule of schools/leaving.py; here the
Anschluss record of a leaver."""

from __future__ import annotations

from sqlalchemy import and_, func, literal

from app.anschluss.models import Anschluss
from app.schools.models import ClassMembership, SchoolClass


def status_column():
    """The Anschluss status; a leaver without a row is `offen`."""
    return func.coalesce(Anschluss.status, literal("offen"))


def record_of_membership():
    """Join condition: the Anschluss record of a class member in that class's school year."""
    return and_(
        Anschluss.pupil_id == ClassMembership.pupil_id,
        Anschluss.school_year_id == SchoolClass.school_year_id,
    )
