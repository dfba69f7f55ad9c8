"""Bookings in "Mein Weg": confirmed and attended days and placements fill the matching steps."""

from __future__ import annotations

from tests import factories as f
from tests.internships.helpers import school_day
from tests.portfolio.bookings_support import book
from tests.support import counted_statements as counted

URL = "/api/v1/me/portfolio"


def steps_of(body, kuerzel):
    return [s for s in body["steps"] if s["sbo_kuerzel"] == kuerzel]


def test_do_bfe_bookings_fill_the_berufsfelderkundung_days(db, grade8, login_as):
    """Are confirmed and attended BFE days shown on the BFE steps, earliest day first?"""
    pupil, provider = grade8
    attended = book(db, pupil, provider, field="GESGE", status="attended", skip=0)
    confirmed = book(db, pupil, provider, field="ITC", status="confirmed", skip=1)
    book(db, pupil, provider, field="M", status="requested", skip=2)
    book(db, pupil, provider, field="ME", status="cancelled", skip=3)
    db.session.commit()
    body = login_as(pupil).get(URL).json
    first, second, third = steps_of(body, "SBO 5.1")
    assert first["booking"]["id"] == attended.id
    assert first["status"] == "done" and first["berufsfeld"] == "GESGE"
    assert first["date"] == school_day(skip=0).isoformat()
    assert first["provider"] == "Stadtwerke Dortmund"
    assert first["booking"]["certificate_url"] == f"/api/v1/bookings/{attended.id}/certificate.pdf"
    assert second["booking"]["id"] == confirmed.id
    assert second["status"] == "planned" and second["berufsfeld"] == "ITC"
    assert second["booking"]["certificate_url"] is None
    assert third["booking"] is None and third["status"] == "open"
    assert [b["id"] for b in body["bookings"]] == [attended.id, confirmed.id]


def test_is_the_certificate_link_a_working_pdf(db, grade8, login_as):
    """Does the certificate link of an attended day download the Teilnahmebescheinigung?"""
    pupil, provider = grade8
    book(db, pupil, provider, status="attended")
    db.session.commit()
    client = login_as(pupil)
    url = steps_of(client.get(URL).json, "SBO 5.1")[0]["booking"]["certificate_url"]
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")


def test_does_a_betriebspraktikum_fill_the_praktikum_step(
    school_monday, db, world, reference, login_as
):
    """Does an attended two-week Betriebspraktikum in grade 10 fill the one Sek I Praktikum
    (planned in grade 9, so shown among the earlier steps) and leave nothing missing?"""
    provider = f.make_provider(world.kommune, name="Autohaus Nord")
    booking = book(
        db, world.pupil, provider, kind="praktikum", field="M", status="attended", days=10
    )
    db.session.commit()
    body = login_as(world.pupil).get(URL).json
    assert steps_of(body, "SBO 6.1") == []
    (step,) = [s for s in body["earlier_steps"] if s["sbo_kuerzel"] == "SBO 6.1"]
    assert step["jahrgang"] == "9" and step["mandatory"] is True
    assert step["status"] == "done" and step["provider"] == "Autohaus Nord"
    assert step["booking"]["id"] == booking.id and step["booking"]["kind"] == "praktikum"
    assert step["booking"]["ends_on"] == school_day(skip=9).isoformat()
    assert "SBO 6.1" not in body["progress"]["missing"]
    (course,) = steps_of(body, "SBO 6.4")
    assert course["booking"] is None and course["mandatory"] is False


def test_does_the_pupils_own_entry_win(db, grade8, login_as):
    """Does a confirmed booking keep what the pupil typed and never lower a status to planned?"""
    pupil, provider = grade8
    book(db, pupil, provider, status="confirmed")
    db.session.commit()
    client = login_as(pupil)
    step = steps_of(client.get(URL).json, "SBO 5.1")[0]
    body = {"status": "done", "date": None, "provider": "Mein Betrieb", "berufsfeld": None}
    response = client.put(f"{URL}/steps/{step['id']}", json={**body, "reflection": "Toll!"})
    assert response.status_code == 200
    saved = response.json
    assert saved["status"] == "done" and saved["provider"] == "Mein Betrieb"
    assert saved["booking"]["status"] == "confirmed"
    again = steps_of(client.get(URL).json, "SBO 5.1")[0]
    assert (again["status"], again["provider"]) == ("done", "Mein Betrieb")


def test_are_other_pupils_bookings_never_shown(db, grade8, world, login_as):
    """Does a pupil see none of a classmate's bookings in their portfolio?"""
    pupil, provider = grade8
    book(db, world.pupil, provider, kind="praktikum", status="attended", days=10)
    db.session.commit()
    body = login_as(pupil).get(URL).json
    assert body["bookings"] == []
    assert all(s["booking"] is None for s in body["steps"])


def test_does_the_portfolio_read_bookings_in_constant_statements(db, grade8, login_as):
    """Does the portfolio run as many SQL statements with three bookings as with one?"""
    pupil, provider = grade8
    book(db, pupil, provider, status="attended")
    db.session.commit()
    client = login_as(pupil)
    client.get(URL)  # the first read creates the step rows
    with counted(db.engine) as one:
        assert client.get(URL).status_code == 200
    book(db, pupil, provider, field="G", status="confirmed", skip=1)
    book(db, pupil, provider, kind="praktikum", field="M", status="attended", skip=2, days=10)
    db.session.commit()
    with counted(db.engine) as three:
        body = client.get(URL).json
    # Grade 8 has no Praktikum step: the placement is listed, just on no step.
    assert [b.get("step_id") is None for b in body["bookings"]] == [False, False, True]
    assert len(one) == len(three)
