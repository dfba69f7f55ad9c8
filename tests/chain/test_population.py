"""Who is in the Verantwortungskette's population (docs/glossary.md, "Abgänger*innen")."""

from __future__ import annotations

from datetime import date

from app.core import clock
from app.schools.models import SchoolYear
from tests import factories as f


def _listed(client, school) -> set[int]:
    response = client.get(f"/api/v1/schools/{school.id}/identification")
    assert response.status_code == 200, response.get_json()
    return {item["pupil_id"] for item in response.get_json()["items"]}


def test_is_a_q2_pupil_listed_unless_admitted_to_the_abitur(world, login_as, db):
    """Is a Q2 pupil without Anschluss listed, and left out once admitted to the Abitur exam?"""
    q2 = f.make_class(world.school, "Q2", "Q2")
    not_admitted = f.make_pupil(q2, first_name="Mia", last_name="Roth")
    admitted = f.make_pupil(q2, first_name="Ben", last_name="Vogt")
    db.session.commit()
    stubo = login_as(world.users.stubo)
    assert {not_admitted.id, admitted.id} <= _listed(stubo, world.school)

    response = stubo.put(f"/api/v1/pupils/{admitted.id}/exam-admission", json={"exam": "abitur"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["exam_admission"] == "abitur" and body["excluded_by_exam_admission"] is True
    listed = _listed(stubo, world.school)
    assert not_admitted.id in listed and admitted.id not in listed

    cleared = stubo.put(f"/api/v1/pupils/{admitted.id}/exam-admission", json={"exam": None})
    assert cleared.get_json()["exam_admission"] is None
    assert admitted.id in _listed(stubo, world.school)


def test_does_fhr_admission_exclude_only_where_the_kommune_says_so(world, login_as, db):
    """Does the Fachhochschulreife admission exclude only with the Kommune's setting?"""
    q2 = f.make_class(world.school, "Q2", "Q2")
    pupil = f.make_pupil(q2)
    db.session.commit()
    stubo = login_as(world.users.stubo)
    stubo.put(f"/api/v1/pupils/{pupil.id}/exam-admission", json={"exam": "fhr"})
    assert pupil.id in _listed(stubo, world.school)
    coordinator = login_as(world.users.kommune_coordinator)
    settings = coordinator.patch(
        f"/api/v1/kommunen/{world.kommune.id}/chain-settings",
        json={"fhr_admission_excludes": True},
    )
    assert settings.status_code == 200 and settings.get_json()["fhr_admission_excludes"] is True
    assert pupil.id not in _listed(stubo, world.school)


def test_is_a_grade_9_pupil_in_the_tenth_school_year_listed(world, login_as, db):
    """Is a grade-9 pupil who repeated a year (10th school year) listed, a first-time one not?"""
    nine = f.make_class(world.school, "9a", "9")
    repeater = f.make_pupil(nine, first_name="Tom", last_name="Berg")
    regular = f.make_pupil(nine, first_name="Ela", last_name="Kaya")
    db.session.commit()
    stubo = login_as(world.users.stubo)
    assert not {repeater.id, regular.id} & _listed(stubo, world.school)

    response = stubo.patch(f"/api/v1/pupils/{repeater.id}/schooling", json={"attendance_year": 10})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["attendance_year_effective"] == 10 and body["leaver"] is True
    listed = _listed(stubo, world.school)
    assert repeater.id in listed and regular.id not in listed


def test_are_gymnasium_grade_10_pupils_no_leavers_but_an_ef_leaver_is(world, login_as, db):
    """At a G9 Gymnasium, is grade 10 left out, and is a pupil leaving from EF listed?"""
    gymnasium = f.make_school(world.kommune, "GY")
    tenth = f.make_pupil(f.make_class(gymnasium, "10a", "10"))
    ef_pupil = f.make_pupil(f.make_class(gymnasium, "EF", "EF"))
    stubo_user = f.make_user("stubo", school_id=gymnasium.id)
    db.session.commit()
    stubo = login_as(stubo_user)
    assert _listed(stubo, gymnasium) == set()
    response = stubo.patch(f"/api/v1/pupils/{ef_pupil.id}/schooling", json={"leaving": True})
    assert response.get_json()["leaver"] is True
    assert _listed(stubo, gymnasium) == {ef_pupil.id}
    assert tenth.id not in _listed(stubo, gymnasium)


def test_is_a_dual_berufskolleg_apprentice_left_out(world, login_as, db):
    """Are apprentices of a dual course left out, pupils of a full-time general course listed?"""
    bk = world.berufskolleg
    dual = f.make_class(bk, "FKE1", "BK1")
    general = f.make_class(bk, "BFS1", "BK1")
    apprentice = f.make_pupil(dual)
    full_time = f.make_pupil(general)
    stubo_user = f.make_user("stubo", school_id=bk.id)
    db.session.commit()
    stubo = login_as(stubo_user)
    for school_class, course_type in ((dual, "dual"), (general, "full_time_general")):
        response = stubo.put(
            f"/api/v1/classes/{school_class.id}/course-type", json={"course_type": course_type}
        )
        assert response.status_code == 200 and response.get_json()["course_type"] == course_type
    assert _listed(stubo, bk) == {full_time.id}
    assert apprentice.id not in _listed(stubo, bk)


def test_are_wrong_schooling_facts_refused(world, login_as, db):
    """Is an exam admission in grade 10, a course type on a school class, a 31 April refused?"""
    stubo = login_as(world.users.stubo)
    exam = stubo.put(f"/api/v1/pupils/{world.pupil.id}/exam-admission", json={"exam": "abitur"})
    assert exam.status_code == 422
    assert exam.get_json()["type"].endswith("/exam-admission-not-in-jahrgang")
    assert "exam" in exam.get_json()["errors"]
    course = stubo.put(
        f"/api/v1/classes/{world.klasse.id}/course-type", json={"course_type": "dual"}
    )
    assert course.status_code == 422 and "course_type" in course.get_json()["errors"]
    bad_year = stubo.patch(
        f"/api/v1/pupils/{world.pupil.id}/schooling", json={"attendance_year": 0}
    )
    assert bad_year.status_code == 422
    coordinator = login_as(world.users.kommune_coordinator)
    day = coordinator.patch(
        f"/api/v1/kommunen/{world.kommune.id}/chain-settings",
        json={"application_opens_month": 4, "application_opens_day": 31},
    )
    assert day.status_code == 422 and "application_opens_day" in day.get_json()["errors"]
    assert f.membership_of(world.pupil).exam_admission is None


def test_does_no_application_count_only_after_the_application_period_opened(world, login_as, db):
    """Is "no application" a risk reason only from the Kommune's opening day (default 1 Feb)?"""
    url = f"/api/v1/schools/{world.school.id}/leavers"

    def reasons_on(day) -> list[str]:
        clock.travel_to(day)
        rows = login_as(world.users.stubo).get(url).get_json()["items"]
        return next(r["risk_reasons"] for r in rows if r["pupil_id"] == world.pupil.id)

    # A November day of the world's school year (whatever day the suite runs on).
    _label, starts, _ends = SchoolYear.bounds_for(clock.today())
    november = date(starts.year, 11, 11)
    assert "no_application" not in reasons_on(november)
    stubo = login_as(world.users.stubo)
    assert stubo.get(f"{url}?risk_reason=no_application").get_json()["total"] == 0
    assert "no_application" not in reasons_on(
        november.replace(year=november.year + 1, day=31, month=1)
    )
    assert "no_application" in reasons_on(november.replace(year=november.year + 1, day=1, month=2))
    world.kommune.application_opens_month = 3
    db.session.commit()
    assert "no_application" not in reasons_on(november.replace(year=november.year + 1, month=2))
