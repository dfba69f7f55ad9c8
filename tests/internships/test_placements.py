"""Self-found placements: recorded by pupil or teacher, confirmed, visiting teacher, visit,
certificate, the agreement PDF, and the Jugendarbeitsschutzgesetz for placements and slots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import clock
from app.core.audit import AuditEvent
from tests import factories as f
from tests.internships.helpers import two_school_weeks


def _url(pupil):
    return f"/api/v1/pupils/{pupil.id}/placements"


def _body(**overrides):
    start = two_school_weeks()
    return {
        "company_name": "Tischlerei Öztürk",
        "street": "Hafenstraße 3",
        "postcode": "44147",
        "city": "Dortmund",
        "contact_name": "Frau Öztürk",
        "contact_phone": "0231 123456",
        "contact_email": "info@tischlerei.example",
        "occupation": "Tischler/in",
        "berufsfeld": "PRFE",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=11)).isoformat(),
        "daily_start": "08:00",
        "daily_end": "14:30",
        "break_minutes": 30,
        **overrides,
    }


def test_pupil_records_teacher_confirms_visits_and_certifies(world, reference, login_as, db):
    """Does a pupil's self-found Praktikum wait for the teacher, who confirms it, assigns a
    visiting teacher, plans and records the visit and the certificate — and does it then fill
    the one Praktikum of the pupil's plan?"""
    pupil = login_as(world.pupil)
    created = pupil.post(_url(world.pupil), json=_body())
    assert created.status_code == 201, created.get_json()
    placement = created.get_json()
    assert (placement["status"], placement["kind"], placement["days"]) == (
        "proposed",
        "praktikum",
        10,
    )
    assert placement["working_hours"] == 6.0
    teacher = login_as(world.users.teacher)
    url = f"/api/v1/placements/{placement['id']}"
    visit = (clock.today() + timedelta(days=16)).isoformat()
    changed = teacher.patch(
        url,
        json={
            "status": "confirmed",
            "visiting_teacher_id": world.users.teacher.id,
            "visit_planned_on": visit,
        },
    )
    assert changed.status_code == 200, changed.get_json()
    body = changed.get_json()
    assert body["status"] == "confirmed" and body["visit_planned_on"] == visit
    assert body["visiting_teacher_name"]
    done = teacher.patch(
        url,
        json={
            "certificate_received_on": clock.today().isoformat(),
            "assessment": "Sehr engagiert.",
        },
    )
    assert done.status_code == 200 and done.get_json()["assessment"] == "Sehr engagiert."
    portfolio = pupil.get("/api/v1/me/portfolio").get_json()
    assert "SBO 6.1" not in portfolio["progress"]["missing"]
    (step,) = [s for s in portfolio["earlier_steps"] if s["sbo_kuerzel"] == "SBO 6.1"]
    assert step["status"] == "done" and step["provider"] == "Tischlerei Öztürk"
    leavers = login_as(world.users.stubo).get(
        f"/api/v1/schools/{world.school.id}/leavers?per_page=100"
    )
    row = next(r for r in leavers.get_json()["items"] if r["pupil_id"] == world.pupil.id)
    assert row["internship_done"] is True and "SBO 6.1" not in row["missing_steps"]


def test_agreement_pdf_with_german_dates(world, reference, login_as):
    """Is the Praktikumsvereinbarung a PDF with German dates, for the pupil and the teacher?"""
    body = _body()
    placement = (
        login_as(world.users.teacher)
        .post(_url(world.pupil), json={**body, "confirm": True})
        .get_json()
    )
    assert placement["status"] == "confirmed"
    response = login_as(world.pupil).get(placement["agreement_url"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    from app.extensions import db
    from app.internships.models import Placement
    from app.internships.placement_pdf import agreement_lines

    lines = "\n".join(agreement_lines(db.session.get(Placement, placement["id"])))
    start = two_school_weeks()
    assert f"{start:%d.%m.%Y} bis {start + timedelta(days=11):%d.%m.%Y}" in lines
    assert "Tischlerei Öztürk" in lines and "JArbSchG" in lines


def test_an_eight_hour_praktikum_day_is_refused_naming_the_rule(world, reference, login_as):
    """Is an 8-hour Praktikum day (no break stated) refused with a 422 naming § 7 JArbSchG?"""
    response = login_as(world.pupil).post(
        _url(world.pupil), json=_body(daily_end="16:00", break_minutes=None)
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith("/jarbschg-daily-hours")
    assert "daily_end" in problem["errors"]
    assert "7" in problem["detail"] and "JArbSchG" in problem["detail"]


def test_breaks_follow_paragraph_11(world, reference, login_as):
    """Does seven hours of work need 60 minutes of breaks (30 are refused, 60 accepted)?"""
    client = login_as(world.pupil)
    short = client.post(_url(world.pupil), json=_body(daily_end="16:00", break_minutes=30))
    assert short.status_code == 422
    assert short.get_json()["type"].endswith("/jarbschg-daily-hours")
    half = client.post(_url(world.pupil), json=_body(daily_end="15:00", break_minutes=30))
    assert half.status_code == 422 and half.get_json()["type"].endswith("/jarbschg-breaks")
    ok = client.post(_url(world.pupil), json=_body(daily_end="16:00", break_minutes=60))
    assert ok.status_code == 201 and ok.get_json()["working_hours"] == 7.0


def test_provider_slot_of_eight_hours_is_refused(world, login_as):
    """Is a provider's 8-hour Praktikum slot refused under the JArbSchG (accepted before)?"""
    client = login_as(world.users.provider)
    offer = client.post(
        "/api/v1/offers",
        json={
            "kind": "praktikum",
            "title": "Praktikum im Betrieb",
            "berufsfelder": ["EL"],
            "description": "Mitarbeiten",
            "postcode": "44139",
            "city": "Dortmund",
            "status": "published",
        },
    ).get_json()
    start = two_school_weeks()
    slot = {
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=11)).isoformat(),
        "daily_start": "08:00",
        "daily_end": "16:00",
        "capacity": 2,
    }
    refused = client.post(f"/api/v1/offers/{offer['id']}/slots", json=slot)
    assert refused.status_code == 422
    assert refused.get_json()["type"].endswith("/jarbschg-daily-hours")
    accepted = client.post(
        f"/api/v1/offers/{offer['id']}/slots", json={**slot, "break_minutes": 60}
    )
    assert accepted.status_code == 201, accepted.get_json()


def test_sek_ii_praxiselemente_need_five_days(world, reference, login_as, db):
    """Are Sek II Praxiselemente (single days) of fewer than five days refused, five accepted,
    and may they last 8 hours (§ 8 JArbSchG)?"""
    q1 = f.make_class(world.school, "Q1a", "Q1")
    pupil = f.make_pupil(q1)
    db.session.commit()
    client = login_as(pupil)
    start = two_school_weeks()
    four = _body(
        institution_type="university",
        starts_on=start.isoformat(),
        ends_on=(start + timedelta(days=24)).isoformat(),
        weekdays="",
    )
    four["ends_on"] = (start + timedelta(days=3)).isoformat()
    few = client.post(_url(pupil), json={**four, "weekdays": ""})
    if few.status_code == 201:  # a holiday-free week gives four school days at most here
        pytest.fail(few.get_json())
    assert few.get_json()["type"].endswith("/praxiselemente-days")
    weekly = {**four, "ends_on": (start + timedelta(days=90)).isoformat(), "weekdays": "2"}
    weekly.update(daily_end="17:00", break_minutes=60)
    ok = client.post(_url(pupil), json=weekly)
    assert ok.status_code == 201, ok.get_json()
    assert ok.get_json()["kind"] == "praxiselement" and ok.get_json()["days"] >= 5


def test_visiting_teacher_must_belong_to_the_school(world, reference, login_as):
    """Is a visiting teacher of another school refused with a 422?"""
    placement = login_as(world.pupil).post(_url(world.pupil), json=_body()).get_json()
    other = f.make_user("teacher", school_id=world.other_school.id)
    from app.extensions import db

    db.session.commit()
    response = login_as(world.users.teacher).patch(
        f"/api/v1/placements/{placement['id']}", json={"visiting_teacher_id": other.id}
    )
    assert response.status_code == 422
    assert "visiting_teacher_id" in response.get_json()["errors"]


def test_staff_reads_are_audited_and_the_pupil_cannot_confirm(world, reference, login_as, db):
    """Is the teacher's read of the placements audited, and a pupil's PATCH refused?"""
    placement = login_as(world.pupil).post(_url(world.pupil), json=_body()).get_json()
    assert login_as(world.users.teacher).get(_url(world.pupil)).status_code == 200
    db.session.expire_all()
    reads = db.session.scalars(
        select(AuditEvent).where(AuditEvent.resource == "placements", AuditEvent.action == "read")
    ).all()
    assert [e.pupil_id for e in reads] == [world.pupil.id]
    response = login_as(world.pupil).patch(
        f"/api/v1/placements/{placement['id']}", json={"status": "confirmed"}
    )
    assert response.status_code == 403


def test_listing_placements_is_constant_in_statements(world, reference, login_as, db):
    """Does the teacher's list of a pupil's placements run as many statements for one
    placement as for five, each with a visiting teacher?"""
    from tests.support import counted_statements

    pupil = login_as(world.pupil)
    teacher = login_as(world.users.teacher)

    def add():
        placement = pupil.post(_url(world.pupil), json=_body()).get_json()
        teacher.patch(
            f"/api/v1/placements/{placement['id']}",
            json={"visiting_teacher_id": world.users.teacher.id},
        )

    def count() -> int:
        with counted_statements(db.engine) as statements:
            assert teacher.get(_url(world.pupil)).status_code == 200
        return len(statements)

    add()
    small = count()
    for _ in range(4):
        add()
    assert count() == small
