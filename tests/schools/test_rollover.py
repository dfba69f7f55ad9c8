"""The school-year rollover: preview, commit, idempotent; 8a → 9a, leaving classes archived."""

from __future__ import annotations

from datetime import date

from app.core import clock
from app.portfolio.models import PortfolioStep
from app.schools.models import ClassMembership, ClassTeacher, SchoolClass, SchoolYear
from tests import factories as f
from tests.support import count_of, one_of, rows_of


def _eight_a(world, db):
    """An 8a with a pupil who has a portfolio step, and its class teacher."""
    eight = f.make_class(world.school, "8a", "8")
    pupil = f.make_pupil(eight, first_name="Noah", last_name="Krüger")
    teacher = f.make_teacher(eight)
    db.session.add(PortfolioStep(pupil_id=pupil.id, jahrgang="8", sbo_kuerzel="SBO 5.1"))
    db.session.commit()
    return eight, pupil, teacher


def _after_summer(world):
    """20 August after the world's school year."""
    year = db_year(world)
    clock.travel_to(date(year.ends_on.year, 8, 20))
    return year


def db_year(world):
    from app.extensions import db

    return db.session.get(SchoolYear, world.klasse.school_year_id)


def test_preview_writes_nothing_and_commit_moves_8a_to_9a(world, login_as, db):
    """Does the preview show 8a → 9a and 10a archived without writing, and the commit move the
    pupil and the teacher into 9a of the new year, keeping last year as history?"""
    eight, pupil, teacher = _eight_a(world, db)
    old_year = _after_summer(world)
    stubo = login_as(world.users.stubo)
    preview = stubo.post("/api/v1/school-years/rollover", json={"mode": "preview"})
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    (plan,) = body["schools"]
    assert body["from_year"] == old_year.label and not body["committed"]
    assert [(m["from_name"], m["to_name"], m["pupils"]) for m in plan["moves"]] == [("8a", "9a", 1)]
    assert {a["name"] for a in plan["archived"]} == {"10a", "10b"}
    assert count_of(SchoolYear) == 1 and count_of(SchoolClass) == 5

    commit = stubo.post("/api/v1/school-years/rollover", json={"mode": "commit"})
    assert commit.status_code == 200
    nine = one_of(SchoolClass, name="9a")
    assert nine.school_year_id != old_year.id and nine.jahrgang == "9"
    assert (
        one_of(ClassMembership, pupil_id=pupil.id, school_year_id=nine.school_year_id).class_id
        == nine.id
    )
    assert one_of(ClassTeacher, class_id=nine.id).teacher_id == teacher.id
    assert one_of(SchoolClass, id=world.klasse.id).archived_at is not None
    # history kept: last year's class, membership and the pupil's portfolio are still there
    assert one_of(ClassMembership, pupil_id=pupil.id, class_id=eight.id)
    assert one_of(PortfolioStep, pupil_id=pupil.id).sbo_kuerzel == "SBO 5.1"
    # leavers get no class in the new year
    assert (
        rows_of(ClassMembership, pupil_id=world.pupil.id, school_year_id=nine.school_year_id) == []
    )


def test_rollover_is_idempotent(world, login_as, db):
    """Does a second commit change nothing (no second 9a, membership or teacher)?"""
    _eight_a(world, db)
    _after_summer(world)
    stubo = login_as(world.users.stubo)
    stubo.post("/api/v1/school-years/rollover", json={"mode": "commit"})
    counts = (count_of(SchoolClass), count_of(ClassMembership), count_of(ClassTeacher))
    again = stubo.post("/api/v1/school-years/rollover", json={"mode": "commit"}).get_json()
    assert (count_of(SchoolClass), count_of(ClassMembership), count_of(ClassTeacher)) == counts
    assert again["schools"][0]["moves"][0]["done"] is True
    assert again["schools"][0]["result"] == {"teachers": 0, "archived": 0}


def test_a_stubo_rolls_over_only_the_own_school(world, login_as, db):
    """Is another school refused for a StuBO, and an unknown school year named?"""
    _after_summer(world)
    stubo = login_as(world.users.stubo)
    other = stubo.post(
        "/api/v1/school-years/rollover",
        json={"mode": "preview", "school_id": world.other_school.id},
    )
    assert other.status_code == 403
    bad = stubo.post(
        "/api/v1/school-years/rollover", json={"mode": "preview", "school_year": "2027/29"}
    )
    assert bad.status_code == 422 and "school_year" in bad.get_json()["errors"]


def test_the_leavers_record_stays_open_after_the_rollover(world, reference, login_as, db):
    """After the rollover archived 10a, can the StuBO still record last year's leaver?"""
    old_year = _after_summer(world)
    login_as(world.users.stubo).post("/api/v1/school-years/rollover", json={"mode": "commit"})
    response = login_as(world.users.stubo).put(
        f"/api/v1/pupils/{world.pupil.id}/anschluss",
        json={
            "status": "zugesagt",
            "option_code": "DUAL",
            "expected_certificate": "SBO_10_7_7",
            "lock_version": 0,
        },
    )
    assert response.status_code == 200
    assert response.get_json()["school_year"] == old_year.label


def test_flask_schoolyear_rollover_previews_and_commits(world, app, db):
    """Does the command preview by default and write with --commit?"""
    _eight_a(world, db)
    _after_summer(world)
    runner = app.test_cli_runner()
    preview = runner.invoke(args=["schoolyear", "rollover"])
    assert preview.exit_code == 0, preview.output
    assert "8a→9a" in preview.output and count_of(SchoolClass, name="9a") == 0
    committed = runner.invoke(args=["schoolyear", "rollover", "--commit"])
    assert committed.exit_code == 0, committed.output
    db.session.expire_all()
    assert count_of(SchoolClass, name="9a") == 1
