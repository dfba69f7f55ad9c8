"""The school year of attendance from the roster (Schulbesuchsjahr or Einschulungsjahr)."""

from __future__ import annotations

import io

from app.core import clock
from tests import factories as f


def _commit(client, klasse, text: str):
    form = {"file": (io.BytesIO(text.encode("utf-8")), "schueler.csv"), "mode": "commit"}
    return client.post(
        f"/api/v1/classes/{klasse.id}/roster-imports", data=form, content_type="multipart/form-data"
    )


def test_does_the_roster_set_the_school_year_of_attendance(world, login_as, db):
    """Do Schulbesuchsjahr and Einschulungsjahr columns set the year on the membership, so a
    grade-9 repeater becomes a leaver?"""
    nine = f.make_class(world.school, "9c", "9")
    existing = f.make_pupil(nine, first_name="Tom", last_name="Berg")
    db.session.commit()
    stubo = login_as(world.users.stubo)
    start = clock.today().year if clock.today().month >= 8 else clock.today().year - 1
    text = (
        "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer;"
        "Schulbesuchsjahr;Einschulungsjahr\r\n"
        f"Berg;Tom;9c;17.05.2010;{existing.external_id};10;\r\n"
        f"Kaya;Ela;9c;01.02.2011;NEU1;;{start - 8}\r\n"
    )
    response = _commit(stubo, nine, text)
    assert response.status_code == 200 and response.json["committed"] is True, response.json
    assert f.membership_of(existing).attendance_year == 10
    listed = stubo.get(f"/api/v1/schools/{world.school.id}/identification").get_json()["items"]
    names = {item["last_name"] for item in listed}
    assert "Berg" in names and "Kaya" not in names  # Kaya: 9th year (entered school 8 years ago)


def test_is_an_impossible_school_year_of_attendance_rejected(world, login_as, db):
    """Is a row with Schulbesuchsjahr 0 rejected, naming the column, and nothing written?"""
    stubo = login_as(world.users.stubo)
    text = (
        "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer;Schulbesuchsjahr\r\n"
        f"{world.pupil.last_name};{world.pupil.first_name};10a;17.05.2010;"
        f"{world.pupil.external_id};0\r\n"
    )
    response = _commit(stubo, world.klasse, text)
    assert response.status_code == 422
    [rejected] = response.json["report"]["rejected"]
    assert rejected["field"] == "Schulbesuchsjahr" and "1 bis 20" in rejected["reason_de"]
    assert f.membership_of(world.pupil).attendance_year is None
