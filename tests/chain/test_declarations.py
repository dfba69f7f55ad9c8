"""The pupil's own declaration during a round: asked, answered, confirmed, dated for the round."""

from __future__ import annotations

from datetime import timedelta

from app.anschluss.models import Anschluss
from app.core import clock
from app.notifications.models import Notification
from app.verantwortungskette.models import IdentificationRound
from app.verantwortungskette.round_models import PlanDeclaration
from tests.factories import current_school_year
from tests.support import rows_of

URL = "/api/v1/me/anschluss/declarations"


def _round(world, db, starts: int, ends: int) -> IdentificationRound:
    today = clock.today()
    identification_round = IdentificationRound(
        kommune_id=world.kommune.id,
        school_year_id=current_school_year().id,
        name="Runde I",
        starts_on=today + timedelta(days=starts),
        ends_on=today + timedelta(days=ends),
    )
    db.session.add(identification_round)
    db.session.commit()
    return identification_round


def test_is_a_pupil_asked_only_during_a_round(world, login_as, db):
    """Without a running round, is the pupil not asked and an answer refused?"""
    _round(world, db, 5, 20)  # not yet started
    pupil = login_as(world.pupil)
    mine = pupil.get(URL).get_json()
    assert mine["asked"] is False and mine["round"] is None
    refused = pupil.post(URL, json={"plan": "ausbildung"})
    assert refused.status_code == 422 and refused.get_json()["type"].endswith("/no-open-round")
    assert rows_of(PlanDeclaration) == []


def test_does_the_answer_reach_the_class_teacher_who_confirms_it(world, login_as, db):
    """Does the pupil's answer notify the class teacher, show in the list and get confirmed?"""
    identification_round = _round(world, db, -3, 10)
    pupil = login_as(world.pupil)
    before = pupil.get(URL).get_json()
    assert before["asked"] is True and before["answered"] is False
    assert before["round"]["id"] == identification_round.id
    assert "noch_offen" in before["plans"]
    answer = pupil.post(URL, json={"plan": "ausbildung", "note": "Bewerbung bei der Bahn"})
    assert answer.status_code == 201, answer.get_json()
    declaration_id = answer.get_json()["id"]
    after = pupil.get(URL).get_json()
    assert after["answered"] is True and after["declarations"][0]["plan"] == "ausbildung"

    [notice] = rows_of(Notification, kind="plan_declared")
    assert notice.user_id == world.users.teacher.id
    assert "Ausbildung" in notice.body_de and "Ausbildung" not in notice.data.get("plan", "")

    teacher = login_as(world.users.teacher)
    listed = teacher.get(f"/api/v1/schools/{world.school.id}/identification").get_json()
    item = next(i for i in listed["items"] if i["pupil_id"] == world.pupil.id)
    assert item["declaration"]["id"] == declaration_id
    assert item["declaration"]["confirmed_at"] is None

    foreign = login_as(world.teacher_b).post(f"/api/v1/declarations/{declaration_id}/confirmation")
    assert foreign.status_code == 403
    confirmed = teacher.post(f"/api/v1/declarations/{declaration_id}/confirmation")
    assert confirmed.status_code == 200 and confirmed.get_json()["confirmed_at"]
    assert login_as(world.pupil).get(URL).get_json()["declarations"][0]["confirmed_at"]


def test_is_a_secured_leaver_not_asked(world, login_as, db, reference):
    """Is a leaver with a secured Anschluss (off the list) not asked and refused?"""
    _round(world, db, -3, 10)
    db.session.add(
        Anschluss(
            pupil_id=world.classmate.id,
            school_year_id=current_school_year().id,
            status="zugesagt",
            option_code="DUAL",
        )
    )
    db.session.commit()
    classmate = login_as(world.classmate)
    assert classmate.get(URL).get_json()["asked"] is False
    assert classmate.post(URL, json={"plan": "ausbildung"}).status_code == 422


def test_does_the_answer_date_count_in_the_rounds_snapshot(world, login_as, db):
    """After the cut-off, does the frozen list show the day the pupil answered?"""
    identification_round = _round(world, db, -3, 2)
    answered_on = clock.today()
    assert login_as(world.pupil).post(URL, json={"plan": "noch_offen"}).status_code == 201
    clock.travel_to(answered_on + timedelta(days=5))
    snapshot = (
        login_as(world.users.stubo)
        .get(f"/api/v1/identification-rounds/{identification_round.id}/snapshot")
        .get_json()
    )
    by_pupil = {item["pupil_id"]: item for item in snapshot["school"]["items"]}
    assert by_pupil[world.pupil.id]["declared_on"] == answered_on.isoformat()
    assert by_pupil[world.classmate.id]["declared_on"] is None


def test_is_an_unknown_plan_refused(world, login_as, db):
    """Is an answer outside the list of plans refused naming the field?"""
    _round(world, db, -3, 10)
    response = login_as(world.pupil).post(URL, json={"plan": "NOKEAN"})
    assert response.status_code == 422 and "plan" in response.get_json()["errors"]
