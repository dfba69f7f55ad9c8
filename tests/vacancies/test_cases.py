"""Can the case's coordinator see matches, suggest a vacancy and record what came of it?"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss.models import Anschluss, Application
from app.verantwortungskette.models import CaseContact, VkCase
from tests.chain.helpers import hand_over
from tests.vacancies.support import SOCIAL, give_profile, make_vacancy, set_record


def _case(world, db):
    give_profile(world.pupil, SOCIAL, "SAE")
    set_record(world.pupil, status="nokean")
    case = hand_over(world.users.stubo, world.pupil, "kommune")
    db.session.commit()
    return case


def test_does_the_coordinator_see_the_cases_matches(world, login_as, db):
    """Does the receiving coordinator get ranked, explained matches for the case youth?"""
    case = _case(world, db)
    vacancy = make_vacancy(world.provider_org)
    db.session.commit()
    body = login_as(world.users.kommune_coordinator).get(f"/api/v1/cases/{case.id}/vacancy-matches")
    assert body.status_code == 200, body.get_json()
    items = body.get_json()["items"]
    assert [item["id"] for item in items] == [vacancy.id]
    assert {reason["kind"] for reason in items[0]["why"]} >= {"profile"}


def test_does_an_invitation_become_the_youths_application(world, login_as, db):
    """Suggesting logs a contact; an invitation appears as application (status einladung) and
    the Anschluss is derived from it; a Zusage places the case."""
    case = _case(world, db)
    vacancy = make_vacancy(world.provider_org)
    db.session.commit()
    coordinator = login_as(world.users.kommune_coordinator)
    url = f"/api/v1/cases/{case.id}/vacancy-suggestions"
    suggested = coordinator.post(url, json={"vacancy_id": vacancy.id, "channel": "letter"})
    assert suggested.status_code == 200, suggested.get_json()
    contact = db.session.get(CaseContact, suggested.get_json()["contact_id"])
    assert contact.outcome == "ausbildungsplatz_vorgeschlagen"
    notices = login_as(world.pupil).get("/api/v1/me/notifications").get_json()["items"]
    assert [n["kind"] for n in notices] == ["vacancy_suggested"]
    assert vacancy.title in notices[0]["title_de"]
    invited = coordinator.post(url, json={"vacancy_id": vacancy.id, "outcome": "einladung"})
    assert invited.status_code == 200, invited.get_json()
    application = db.session.get(Application, invited.get_json()["application_id"])
    assert application.status == "einladung" and application.option_code == "DUAL"
    assert vacancy.employer_name in application.target_name
    record = db.session.scalar(select(Anschluss).where(Anschluss.pupil_id == world.pupil.id))
    assert record.status == "beworben"
    pupil_view = login_as(world.pupil).get("/api/v1/me/applications").get_json()
    assert [item["status"] for item in pupil_view["items"]] == ["einladung"]
    accepted = coordinator.post(url, json={"vacancy_id": vacancy.id, "outcome": "zusage"})
    assert accepted.get_json()["application_id"] == application.id
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "zugesagt"
    assert db.session.get(VkCase, case.id).status == "vermittelt"
    listed = coordinator.get(f"/api/v1/cases/{case.id}/vacancy-matches").get_json()
    assert [s["outcome"] for s in listed["suggestions"]] == ["zusage"]


def test_is_a_vacancy_of_another_kommune_refused(world, login_as, db):
    """Can a coordinator suggest a vacancy outside the case's Kommune? (422, field named)"""
    case = _case(world, db)
    other = make_vacancy(world.other_provider_org)
    db.session.commit()
    response = login_as(world.users.kommune_coordinator).post(
        f"/api/v1/cases/{case.id}/vacancy-suggestions", json={"vacancy_id": other.id}
    )
    assert response.status_code == 422
    assert "vacancy_id" in response.get_json()["errors"]


def test_is_the_number_of_statements_of_case_matches_independent_of_the_vacancies(
    world, login_as, db
):
    """Does the case's matching run the same number of statements for 2 and for 30 vacancies?"""
    from tests.support import counted_statements

    case = _case(world, db)
    coordinator = login_as(world.users.kommune_coordinator)
    counts = []
    for total in (2, 30):
        for _ in range(total - (2 if total == 30 else 0)):
            make_vacancy(world.provider_org)
        db.session.commit()
        with counted_statements(db.engine) as statements:
            response = coordinator.get(f"/api/v1/cases/{case.id}/vacancy-matches")
        assert response.status_code == 200
        assert len(response.get_json()["items"]) == min(total, 10)
        counts.append(len(statements))
    assert counts[0] == counts[1]
