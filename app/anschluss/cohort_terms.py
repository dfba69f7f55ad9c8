"""SQL terms for "the leavers of a school year", shared by the leaver views (dashboards) and the
Verantwortungskette's identification lists."""

from __future__ import annotations

from sqlalchemy import and_, func, literal, or_

from app.anschluss.models import Anschluss
from app.schools.models import LEAVING_JAHRGAENGE, ClassMembership, SchoolClass


def leaving_class_clause():
    """Classes whose pupils leave this school year (Jahrgang 10, Q2, Berufskolleg classes)."""
    return or_(SchoolClass.jahrgang.in_(LEAVING_JAHRGAENGE), SchoolClass.jahrgang.like("BK%"))


def status_column():
    """The Anschluss status; a leaver without a row is `offen`."""
    return func.coalesce(Anschluss.status, literal("offen"))


def record_of_membership():
    """Join condition: the Anschluss record of a class member in that class's school year."""
    return and_(
        Anschluss.pupil_id == ClassMembership.pupil_id,
        Anschluss.school_year_id == SchoolClass.school_year_id,
    )
