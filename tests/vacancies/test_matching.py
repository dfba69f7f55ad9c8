"""Do leavers without a secured Anschluss get vacancies ranked for them, each saying why?"""

from __future__ import annotations

from app.extensions import db as _db
from tests import factories as f
from tests.support import counted_statements
from tests.vacancies.support import (
    ABGANG,
    ABITUR,
    ERZIEHER,
    MSA,
    SOCIAL,
    TISCHLER,
    give_profile,
    make_vacancy,
    set_record,
)


def test_are_matches_ranked_by_profile_and_explained(world, login_as, db):
    """Does the Erzieher/in place rank above the Tischler/in place for an S-A-E profile, and do
    the reasons name the profile, the certificate and the distance?"""
    give_profile(world.pupil, SOCIAL, "SAE")
    set_record(world.pupil, expected=MSA)
    social = make_vacancy(world.provider_org, ERZIEHER)
    craft = make_vacancy(world.provider_org, TISCHLER)
    db.session.commit()
    body = login_as(world.pupil).get("/api/v1/me/vacancy-matches").get_json()
    assert body["eligible"] is True and body["profile_code"] == "SAE"
    assert [item["id"] for item in body["items"]] == [social.id, craft.id]
    why = {reason["kind"]: reason for reason in body["items"][0]["why"]}
    assert why["profile"]["code"] == "S-A-E"
    assert why["certificate-enough"]["certificate"] == "SBO_10_7_5"
    assert why["distance"]["km"] == round(body["items"][0]["distance_km"])
    assert "profile" not in {reason["kind"] for reason in body["items"][1]["why"]}


def test_are_vacancies_out_of_reach_left_out(world, login_as, db):
    """Is a vacancy expecting a certificate two levels above the pupil's, or one of another
    Kommune, not matched — while one a level above says "fragen lohnt sich"?"""
    set_record(world.pupil, expected=ABGANG)
    make_vacancy(world.provider_org, usual_certificate=ABITUR)
    make_vacancy(world.other_provider_org)
    ask = make_vacancy(world.provider_org, usual_certificate="SBO_10_7_5")
    db.session.commit()
    items = login_as(world.pupil).get("/api/v1/me/vacancy-matches").get_json()["items"]
    assert [item["id"] for item in items] == [ask.id]
    assert "certificate-ask" in {reason["kind"] for reason in items[0]["why"]}


def test_does_a_pupil_with_a_secured_anschluss_get_no_matches(world, login_as, db):
    """Is "Ausbildungsplätze für dich" only for leavers whose Anschluss is not secured?"""
    set_record(world.pupil, status="zugesagt")
    make_vacancy(world.provider_org)
    pupil_9 = f.make_pupil(f.make_class(world.school, "9a", "9"))
    db.session.commit()
    for pupil in (world.pupil, pupil_9):
        body = login_as(pupil).get("/api/v1/me/vacancy-matches").get_json()
        assert body == {"eligible": False, "profile_code": None, "items": []}


def test_is_the_number_of_statements_independent_of_the_vacancies(world, login_as, db):
    """Does a youth's matching run the same number of SQL statements for 2 and for 40
    vacancies?"""
    give_profile(world.pupil, SOCIAL, "SAE")
    client = login_as(world.pupil)
    counts = []
    for total in (2, 40):
        while _db.session.scalar(_count()) < total:
            make_vacancy(world.provider_org, ERZIEHER)
        db.session.commit()
        with counted_statements(db.engine) as statements:
            response = client.get("/api/v1/me/vacancy-matches")
        assert response.status_code == 200
        assert len(response.get_json()["items"]) == min(total, 10)
        counts.append(len(statements))
    assert counts[0] == counts[1]


def _count():
    from sqlalchemy import func, select

    from app.vacancies.models import Vacancy

    return select(func.count(Vacancy.id))
