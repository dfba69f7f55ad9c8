"""Can companies publish Ausbildungsplätze, and who sees them when?"""

from __future__ import annotations

from tests import factories as f
from tests.vacancies.support import ERZIEHER, MSA, future, make_vacancy

PROBLEMS = "https://anschluss.nrw/problems/"


def _payload(**fields):
    return {
        "occupation_id": ERZIEHER,
        "starts_on": future(250).isoformat(),
        "places": 2,
        "street": "Hauptstraße 1",
        "postcode": "44137",
        "city": "Dortmund",
        "usual_certificate": MSA,
        "apply_until": future(120).isoformat(),
        "how_to_apply": "Bewerbung an ausbildung@kita.example",
        "accessibility_notes": "Rollstuhlgerecht",
        **fields,
    }


def test_does_a_vacancy_of_an_unapproved_company_wait_for_the_kommune(world, login_as, db):
    """Is a new company's vacancy hidden from pupils until the Kommune approves the company?"""
    provider_org = f.make_provider(world.kommune, approved=False, name="Kita Sonnenschein")
    contact = f.make_user("provider", provider_id=provider_org.id, kommune_id=world.kommune.id)
    db.session.commit()
    company = login_as(contact)
    created = company.post("/api/v1/vacancies", json=_payload())
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["title"] == "Erzieher/in"
    assert body["kldb_code"] == "83112" and body["berufsfeld"] == "SP"
    assert body["live"] is False and body["provider_approved"] is False
    pupil = login_as(world.pupil)
    assert pupil.get(f"/api/v1/vacancies/{body['id']}").status_code == 404
    assert pupil.get("/api/v1/vacancies").get_json()["total"] == 0
    coordinator = login_as(world.users.kommune_coordinator)
    pending = coordinator.get("/api/v1/vacancies?pending=true").get_json()
    assert [v["id"] for v in pending["items"]] == [body["id"]]
    approved = coordinator.post(f"/api/v1/providers/{provider_org.id}/approve")
    assert approved.status_code == 200
    seen = pupil.get(f"/api/v1/vacancies/{body['id']}").get_json()
    assert seen["live"] is True and seen["accessibility_notes"] == "Rollstuhlgerecht"
    assert seen["distance_km"] is not None


def test_is_bad_input_refused_naming_the_field(world, login_as):
    """Does a start in the past, an unknown occupation or a late deadline answer 422?"""
    company = login_as(world.users.provider)
    cases = (
        ({"starts_on": future(-3).isoformat()}, "vacancy-start-past", "starts_on"),
        ({"occupation_id": 999999}, "vacancy-occupation-unknown", "occupation_id"),
        ({"apply_until": future(300).isoformat()}, "vacancy-deadline-after-start", "apply_until"),
        ({"usual_certificate": "SBO_10_7_99"}, "certificate-unknown", "usual_certificate"),
    )
    for fields, code, field in cases:
        response = company.post("/api/v1/vacancies", json=_payload(**fields))
        assert response.status_code == 422, (fields, response.get_json())
        assert response.get_json()["type"] == PROBLEMS + code
        assert field in response.get_json()["errors"]
    assert company.get("/api/v1/vacancies").get_json()["total"] == 0


def test_does_closing_a_filled_vacancy_take_it_off_the_board(world, login_as, db):
    """When the company marks a vacancy filled or withdraws it, do pupils stop seeing it?"""
    filled = make_vacancy(world.provider_org)
    withdrawn = make_vacancy(world.provider_org)
    kept = make_vacancy(world.provider_org)
    db.session.commit()
    company = login_as(world.users.provider)
    patched = company.patch(f"/api/v1/vacancies/{filled.id}", json={"status": "filled"})
    assert patched.status_code == 200 and patched.get_json()["live"] is False
    assert company.delete(f"/api/v1/vacancies/{withdrawn.id}").status_code == 204
    again = company.patch(f"/api/v1/vacancies/{withdrawn.id}", json={"places": 3})
    assert again.status_code == 409
    board = login_as(world.pupil).get("/api/v1/vacancies").get_json()
    assert [v["id"] for v in board["items"]] == [kept.id]
    own = company.get("/api/v1/vacancies").get_json()
    assert {v["id"] for v in own["items"]} == {filled.id, kept.id}


def test_does_the_board_stay_within_the_kommune(world, login_as, db):
    """Does a pupil see only vacancies of their own Kommune, and a company only its own?"""
    own = make_vacancy(world.provider_org)
    make_vacancy(world.other_provider_org)
    db.session.commit()
    board = login_as(world.pupil).get("/api/v1/vacancies").get_json()
    assert [v["id"] for v in board["items"]] == [own.id]
    other = login_as(world.users.provider)
    assert other.get("/api/v1/vacancies").get_json()["total"] == 1
