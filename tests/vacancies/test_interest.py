"""Does the company see an interested pupil only after the pupil's consent?"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.core.audit import AuditEvent
from tests import factories as f
from tests.vacancies.support import make_vacancy


def test_does_the_company_see_the_candidate_only_with_consent(world, login_as, db):
    """Interest alone shows a count; with consent the company sees name and school (audited)."""
    vacancy = make_vacancy(world.provider_org)
    db.session.commit()
    pupil = login_as(world.pupil)
    company = login_as(world.users.provider)
    marked = pupil.post(f"/api/v1/vacancies/{vacancy.id}/interest", json={})
    assert marked.status_code == 200
    assert marked.get_json()["interested"] is True
    assert marked.get_json()["company_sees_me"] is False
    seen = company.get(f"/api/v1/vacancies/{vacancy.id}").get_json()
    assert seen["interested_count"] == 1 and seen["candidates"] == []
    consented = pupil.post(f"/api/v1/vacancies/{vacancy.id}/interest", json={"consent": True})
    assert consented.get_json()["company_sees_me"] is True
    candidates = company.get(f"/api/v1/vacancies/{vacancy.id}").get_json()["candidates"]
    assert [(c["first_name"], c["last_name"], c["school_name"]) for c in candidates] == [
        ("Mia", "Becker", "Gesamtschule Nord")
    ]
    transfers = db.session.scalars(
        select(AuditEvent).where(AuditEvent.resource == "vacancy_candidates")
    ).all()
    assert world.pupil.id in {row.pupil_id for row in transfers}
    mine = pupil.get(f"/api/v1/vacancies/{vacancy.id}").get_json()["my_interest"]
    assert mine["consent"] is True
    pupil.post(f"/api/v1/vacancies/{vacancy.id}/interest", json={"consent": True})
    notices = company.get("/api/v1/me/notifications").get_json()["items"]
    told = [n for n in notices if n["kind"] == "vacancy_candidate"]
    assert len(told) == 1 and "Mia" not in told[0]["body_de"]  # once, and without the name


def test_does_withdrawing_interest_hide_the_pupil_again(world, login_as, db):
    """After "kein Interesse mehr", is the pupil gone from the company's candidates?"""
    vacancy = make_vacancy(world.provider_org)
    db.session.commit()
    pupil = login_as(world.pupil)
    pupil.post(f"/api/v1/vacancies/{vacancy.id}/interest", json={"consent": True})
    pupil.post(f"/api/v1/vacancies/{vacancy.id}/interest", json={"interested": False})
    seen = login_as(world.users.provider).get(f"/api/v1/vacancies/{vacancy.id}").get_json()
    assert seen["candidates"] == [] and seen["interested_count"] == 0


def test_does_a_pupil_under_14_need_the_guardians_consent(world, login_as, db):
    """Is a 13-year-old's own consent refused (403), the interest itself not stored?"""
    young = f.make_pupil(world.klasse, birth_date=date(2014, 1, 1))
    vacancy = make_vacancy(world.provider_org)
    db.session.commit()
    response = login_as(young).post(
        f"/api/v1/vacancies/{vacancy.id}/interest", json={"consent": True}
    )
    assert response.status_code == 403
    assert response.get_json()["type"].endswith("/guardian-consent-needed")
    seen = login_as(world.users.provider).get(f"/api/v1/vacancies/{vacancy.id}").get_json()
    assert seen["interested_count"] == 0
