"""The leaver's record belongs to the leaving cohort and lives past 31 July until it is closed."""

from __future__ import annotations

from datetime import date, timedelta

from app.anschluss.models import Anschluss
from app.core import clock
from tests.anschluss.anschluss_helpers import put_anschluss
from tests.factories import current_school_year
from tests.support import one_of


def _summer(day: int = 20) -> date:
    """A day in August after the world's school year ended (the world is built before)."""
    return date(current_school_year().ends_on.year, 8, day)


def _secure(client, pupil_id: int):
    response = put_anschluss(
        client, pupil_id, status="zugesagt", option_code="DUAL", expected_certificate="SBO_10_7_7"
    )
    assert response.status_code == 200, response.get_json()


def test_teacher_records_angetreten_for_last_years_leaver_after_31_july(
    anschluss_world, login_as, db
):
    """Can the leaving class's teacher record "angetreten" on 20 August, in the leaving year?"""
    w = anschluss_world
    leaving_year = current_school_year()
    teacher = login_as(w.users.teacher)
    _secure(teacher, w.pupil.id)
    clock.travel_to(_summer())
    teacher = login_as(w.users.teacher)  # a new session: the old one expired over the summer
    response = put_anschluss(
        teacher,
        w.pupil.id,
        status="angetreten",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
        evidence="contract",
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "angetreten"
    assert body["school_year"] == leaving_year.label
    record = one_of(Anschluss, pupil_id=w.pupil.id)
    assert record.school_year_id == leaving_year.id


def test_record_stays_editable_on_31_july_and_1_august(anschluss_world, login_as, db):
    """Across the boundary — 31 July, then 1 August — is it the same record that changes?"""
    w = anschluss_world
    year = current_school_year()
    clock.travel_to(year.ends_on)
    stubo = login_as(w.users.stubo)
    _secure(stubo, w.pupil.id)
    clock.travel_to(year.ends_on + timedelta(days=1))
    stubo = login_as(w.users.stubo)
    got = stubo.get(f"/api/v1/pupils/{w.pupil.id}/anschluss").get_json()
    assert (got["status"], got["school_year"]) == ("zugesagt", year.label)


def test_a_closed_record_is_read_only_and_says_why(anschluss_world, login_as, db):
    """After closing with "Antritt bestätigt", is any change refused with 422 naming why?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    _secure(teacher, w.pupil.id)
    clock.travel_to(_summer())
    teacher = login_as(w.users.teacher)
    closed = put_anschluss(
        teacher,
        w.pupil.id,
        status="angetreten",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
        close_reason="start_confirmed",
    )
    assert closed.status_code == 200, closed.get_json()
    assert closed.get_json()["closed_reason"] == "start_confirmed"
    stubo = login_as(w.users.stubo)
    refused = put_anschluss(
        stubo, w.pupil.id, status="unbe", option_code="UNBE", expected_certificate="SBO_10_7_7"
    )
    assert refused.status_code == 422
    problem = refused.get_json()
    assert problem["type"].endswith("/anschluss-closed")
    assert "Antritt bestätigt" in problem["detail"]
    assert stubo.get(f"/api/v1/pupils/{w.pupil.id}/anschluss").status_code == 200


def test_closing_reason_must_fit_the_status(anschluss_world, login_as, db):
    """Is "weggezogen" refused with status zugesagt, naming close_reason?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    response = put_anschluss(
        teacher,
        w.pupil.id,
        status="zugesagt",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
        close_reason="moved_away",
    )
    assert response.status_code == 422
    assert "close_reason" in response.get_json()["errors"]
