"""What does a pupil's home say about where they stand and what comes next?"""

from __future__ import annotations

from datetime import timedelta

from app.anschluss.models import Anschlussvereinbarung, NextStep
from app.core import clock
from app.interests.models import InterestProfile
from tests.portfolio.bookings_support import book
from tests.support import statements_for


def _kinds(body) -> list[str]:
    return [step["kind"] for step in body["next_steps"]]


def _profile(db, pupil) -> None:
    db.session.add(
        InterestProfile(
            pupil_id=pupil.id,
            questionnaire_version="v1",
            answers={},
            scores={"R": 1},
            code="RIA",
        )
    )


def test_does_a_new_grade8_pupil_see_questionnaire_bfe_and_first_step(grade8, login_as):
    """Does a pupil who has done nothing yet get the questionnaire, BFE 0 of 3 and a first step?"""
    pupil, _provider = grade8
    body = login_as(pupil).get("/api/v1/me/overview").get_json()
    assert body["jahrgang"] == "8"
    assert _kinds(body) == ["questionnaire", "bfe", "portfolio_step"]
    bfe = body["next_steps"][1]
    assert (bfe["count"], bfe["total"]) == (0, 3)
    assert body["steps"]["done"] == 0 and body["steps"]["total"] >= 4
    assert body["next_steps"][2]["step_kind"] == "counselling"  # first in the grade 8 plan


def test_do_bookings_and_a_finished_questionnaire_change_the_next_steps(grade8, db, login_as):
    """Does a waiting request come first, an attended day count, and the questionnaire go away?"""
    pupil, provider = grade8
    _profile(db, pupil)
    book(db, pupil, provider, field="ITC", status="attended", skip=0)
    book(db, pupil, provider, field="G", status="requested", skip=1)
    upcoming = book(db, pupil, provider, field="EL", status="confirmed", skip=2)
    db.session.commit()
    body = login_as(pupil).get("/api/v1/me/overview").get_json()
    assert _kinds(body)[:3] == ["booking_pending", "bfe", "booking_upcoming"]
    assert "questionnaire" not in _kinds(body)
    assert body["questionnaire"]["done"] is True
    assert body["next_steps"][0]["count"] == 1
    assert body["next_steps"][1]["count"] == 1
    assert body["next_steps"][2]["due_on"] == upcoming.slot.starts_on.isoformat()
    assert body["bookings"] == {"requested": 1, "confirmed": 1}
    assert body["bfe"]["days_done"] == 1 and body["bfe"]["days_planned"] == 2


def test_is_an_overdue_agreement_step_first(world, db, reference, login_as):
    """Does a leaver see the agreement's next step first, marked overdue when its day passed?"""
    pupil = world.pupil
    agreement = Anschlussvereinbarung(
        pupil_id=pupil.id, school_year_id=world.klasse.school_year_id, version=1, stufe="10"
    )
    yesterday = clock.today() - timedelta(days=1)
    agreement.next_steps.append(
        NextStep(
            pupil_id=pupil.id, description="Bewerbung abschicken", owner="pupil", due_on=yesterday
        )
    )
    agreement.next_steps.append(
        NextStep(pupil_id=pupil.id, description="Später", owner="pupil", position=1)
    )
    db.session.add(agreement)
    db.session.commit()
    body = login_as(pupil).get("/api/v1/me/overview").get_json()
    first = body["next_steps"][0]
    assert first["kind"] == "agreement_step"
    assert first["text"] == "Bewerbung abschicken"
    assert first["due_on"] == yesterday.isoformat() and first["overdue"] is True
    assert first["count"] == 2
    assert body["bfe"]["relevant"] is False
    assert "bfe" not in _kinds(body)


def test_does_a_done_agreement_step_leave_the_home(world, db, reference, login_as):
    """Is a step marked done, or one of an older agreement version, no longer shown?"""
    pupil = world.pupil
    old = Anschlussvereinbarung(
        pupil_id=pupil.id,
        school_year_id=world.klasse.school_year_id,
        version=1,
        stufe="10",
        is_current=False,
    )
    old.next_steps.append(NextStep(pupil_id=pupil.id, description="Alt", owner="pupil"))
    current = Anschlussvereinbarung(
        pupil_id=pupil.id, school_year_id=world.klasse.school_year_id, version=2, stufe="10"
    )
    current.next_steps.append(
        NextStep(pupil_id=pupil.id, description="Erledigt", owner="pupil", done_at=clock.now())
    )
    db.session.add_all([old, current])
    db.session.commit()
    body = login_as(pupil).get("/api/v1/me/overview").get_json()
    assert "agreement_step" not in _kinds(body)


def test_does_the_overview_run_a_constant_number_of_statements(grade8, db, login_as):
    """Does the home cost the same number of SQL statements with one booking or twelve?"""
    pupil, provider = grade8
    client = login_as(pupil)
    book(db, pupil, provider, status="confirmed")
    db.session.commit()
    few = statements_for(client, db, "/api/v1/me/overview")
    for skip in range(1, 12):
        book(db, pupil, provider, field="G", status="requested", skip=skip)
    _profile(db, pupil)
    db.session.commit()
    assert statements_for(client, db, "/api/v1/me/overview") == few


def test_may_only_the_pupil_read_the_overview(world, login_as):
    """Does a teacher asking for an overview get 403, not a pupil's data?"""
    response = login_as(world.users.teacher).get("/api/v1/me/overview")
    assert response.status_code == 403
    assert response.content_type == "application/problem+json"
