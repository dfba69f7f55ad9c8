"""Occupations and Berufsfelder as pupils see them, and the Merkliste in "Mein Weg"."""

from __future__ import annotations

from sqlalchemy import select

from app.catalog.models import Occupation
from app.portfolio import favourites
from tests.interests.interest_answers import submission

MECHATRONIK = "Mechatroniker/in"


def _occupation_id(db, title: str = MECHATRONIK) -> int:
    return db.session.scalar(select(Occupation.id).where(Occupation.title_de == title))


def test_does_an_occupation_say_what_the_work_is_and_where_to_read_more(
    db, world, reference, login_as
):
    """Description, typical tasks one by one, level, Berufsfeld name and a BERUFENET link?"""
    occupation_id = _occupation_id(db)
    body = login_as(world.pupil).get(f"/api/v1/occupations/{occupation_id}").get_json()
    assert body["title"] == MECHATRONIK
    assert body["description"] and len(body["tasks"]) >= 2
    assert not body["tasks"][0].lower().startswith("z.b.")
    assert body["tasks"][0][0].isupper()
    assert body["level"] == "fachkraft"
    assert body["berufsfeld_text"]
    assert body["berufenet_url"].startswith("https://web.arbeitsagentur.de/berufenet/")
    assert "Mechatroniker" in body["berufenet_url"] and "%2Fin" not in body["berufenet_url"]


def test_is_an_unknown_occupation_or_field_a_404_problem(db, world, reference, login_as):
    """Does an unknown id or Berufsfeld answer 404 problem+json with a stable code?"""
    client = login_as(world.pupil)
    for url, code in (
        ("/api/v1/occupations/1", "occupation-not-found"),
        ("/api/v1/berufsfelder/XX", "berufsfeld-not-found"),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response.get_json()["type"].endswith(f"/problems/{code}")


def test_does_a_berufsfeld_list_its_occupations_with_a_reason(db, world, reference, login_as):
    """Does 'Elektro' explain itself and list its occupations by title?"""
    body = login_as(world.pupil).get("/api/v1/berufsfelder/EL").get_json()
    assert body["text"] and body["reason_de"] and body["reason_en"]
    titles = [o["title"] for o in body["occupations"]]
    assert titles == sorted(titles) and len(titles) >= 3
    expected = db.session.scalars(select(Occupation.id).where(Occupation.berufsfeld == "EL")).all()
    assert {o["id"] for o in body["occupations"]} == set(expected)


def test_are_the_warum_lines_specific_per_occupation(db, world, reference, login_as):
    """Does every matched occupation carry its own description (no two alike in the top ten)?"""
    response = login_as(world.pupil).post(
        "/api/v1/me/interest-profiles", json=submission({"R": 5, "I": 4, "C": 3})
    )
    jobs = response.get_json()["occupations"]
    descriptions = [job["description"] for job in jobs]
    assert all(descriptions)
    assert len(set(descriptions)) >= 8  # a few AuxCO titles share a description


def test_can_a_pupil_keep_and_remove_occupations_on_the_merkliste(db, world, reference, login_as):
    """Add twice (one entry, 201 then 200), list newest first, remove; others see nothing?"""
    client = login_as(world.pupil)
    first, second = _occupation_id(db), _occupation_id(db, "Landwirt/in")
    assert client.put(f"/api/v1/me/favourites/{first}").status_code == 201
    again = client.put(f"/api/v1/me/favourites/{first}")
    assert again.status_code == 200 and again.get_json()["title"] == MECHATRONIK
    assert client.put(f"/api/v1/me/favourites/{second}").status_code == 201
    listed = client.get("/api/v1/me/favourites").get_json()
    assert [f["occupation_id"] for f in listed] == [second, first]
    assert listed[1]["berufsfeld_text"]
    assert login_as(world.classmate).get("/api/v1/me/favourites").get_json() == []
    assert client.delete(f"/api/v1/me/favourites/{first}").status_code == 204
    assert client.delete(f"/api/v1/me/favourites/{first}").status_code == 204
    assert [f["occupation_id"] for f in client.get("/api/v1/me/favourites").get_json()] == [second]


def test_is_an_unknown_occupation_or_a_full_merkliste_refused(
    db, world, reference, login_as, monkeypatch
):
    """404 for an occupation that does not exist; 422 naming the limit when the list is full."""
    client = login_as(world.pupil)
    response = client.put("/api/v1/me/favourites/1")
    assert response.status_code == 404
    monkeypatch.setattr(favourites, "FAVOURITES_MAX", 1)
    assert client.put(f"/api/v1/me/favourites/{_occupation_id(db)}").status_code == 201
    full = client.put(f"/api/v1/me/favourites/{_occupation_id(db, 'Landwirt/in')}")
    assert full.status_code == 422
    assert full.get_json()["type"].endswith("/problems/favourite-limit")
    assert "1" in full.get_json()["detail"]
    assert len(client.get("/api/v1/me/favourites").get_json()) == 1


def test_may_staff_not_keep_a_merkliste(world, login_as):
    """Does a teacher get 403 for the pupil-only Merkliste?"""
    assert login_as(world.users.teacher).get("/api/v1/me/favourites").status_code == 403
