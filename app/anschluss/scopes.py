"""Scope predicates for Anschluss objects: resolved to their pupil, then the pupil's scope."""

from __future__ import annotations

from collections.abc import Callable

from app.anschluss.models import (
    AnschlussReport,
    Anschlussvereinbarung,
    Application,
    NextStep,
)
from app.extensions import db
from app.schools import scopes as school_scopes


def pupil_followed_by_teacher(user, args) -> bool | None:
    """The pupil's class teacher now. For a leaver that is the leaving class's teacher until
    CLASS_TEACHER_GRACE_DAYS after 31 July (schools/teaching.py: 20 August's "angetreten" is
    theirs to record); after that the StuBO follows the still open record up through the
    school scope — a record left open must not keep a former teacher in (issue 9, M1)."""
    return school_scopes.pupil_in_taught_class(user, args)


def _owner(model, arg: str) -> Callable[[dict], int | None]:
    def pupil_of(args: dict) -> int | None:
        object_id = args.get(arg)
        if not isinstance(object_id, int):
            return None
        obj = db.session.get(model, object_id)
        return None if obj is None else obj.pupil_id

    return pupil_of


def _via(pupil_of, pupil_scope):
    def scope(user, args) -> bool | None:
        pupil_id = pupil_of(args)
        return None if pupil_id is None else pupil_scope(user, {"pupil_id": pupil_id})

    return scope


_agreement_pupil = _owner(Anschlussvereinbarung, "vereinbarung_id")
_application_pupil = _owner(Application, "application_id")
_report_pupil = _owner(AnschlussReport, "anschluss_report_id")
_step_pupil = _owner(NextStep, "next_step_id")

agreement_is_own = _via(_agreement_pupil, school_scopes.pupil_is_self)
agreement_in_taught_class = _via(_agreement_pupil, school_scopes.pupil_in_taught_class)
agreement_in_own_school = _via(_agreement_pupil, school_scopes.pupil_in_own_school)
agreement_exists = _via(_agreement_pupil, school_scopes.pupil_exists)

application_is_own = _via(_application_pupil, school_scopes.pupil_is_self)
application_followed_by_teacher = _via(_application_pupil, pupil_followed_by_teacher)
application_in_own_school = _via(_application_pupil, school_scopes.pupil_in_own_school)
application_exists = _via(_application_pupil, school_scopes.pupil_exists)

report_in_taught_class = _via(_report_pupil, pupil_followed_by_teacher)
report_in_own_school = _via(_report_pupil, school_scopes.pupil_in_own_school)
report_exists = _via(_report_pupil, school_scopes.pupil_exists)

step_is_own = _via(_step_pupil, school_scopes.pupil_is_self)
step_in_taught_class = _via(_step_pupil, school_scopes.pupil_in_taught_class)
step_in_own_school = _via(_step_pupil, school_scopes.pupil_in_own_school)
step_exists = _via(_step_pupil, school_scopes.pupil_exists)

# The Kommune scopes belong to schools (where the Kommune is); kept here for existing routes.
kommune_is_own = school_scopes.kommune_is_own
kommune_exists = school_scopes.kommune_exists
