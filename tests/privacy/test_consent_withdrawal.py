"""Consent to pass data to a provider: processing stops on withdrawal (Art. 7(3); B7)."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.internships.models import Booking
from tests.internships.helpers import make_offer, make_slot


def _confirmed_booking(db, world):
    offer = make_offer(world.provider_org)
    slot = make_slot(offer, booked=1)
    db.session.add(
        Booking(
            pupil_id=world.pupil.id,
            slot_id=slot.id,
            berufsfeld="ITC",
            status="confirmed",
            source="pupil",
        )
    )
    db.session.commit()
    return offer


def _transfers(db, pupil_id: int) -> int:
    rows = db.session.scalars(
        select(AuditEvent).where(AuditEvent.pupil_id == pupil_id, AuditEvent.action == "transfer")
    )
    return len(list(rows))


def test_does_the_provider_lose_the_pupils_data_after_withdrawal(db, world, login_as):
    """After the pupil withdraws, does the participant list show no name, school or class?"""
    offer = _confirmed_booking(db, world)
    pupil = login_as(world.pupil)
    provider = login_as(world.users.provider)
    url = f"/api/v1/offers/{offer.id}/participants"
    given = pupil.post("/api/v1/me/consents", json={"provider_id": world.provider_org.id})
    assert given.status_code in (200, 201)
    shared = provider.get(url).json[0]
    assert (shared["consent"], shared["first_name"], shared["last_name"]) == (True, "Mia", "Becker")
    assert shared["school_name"] == "Gesamtschule Nord" and shared["class_name"] == "10a"
    transfers_before = _transfers(db, world.pupil.id)
    assert transfers_before == 1

    revoked = pupil.post("/api/v1/me/consents/revoke", json={"provider_id": world.provider_org.id})
    assert revoked.status_code == 200 and revoked.json["revoked_at"]
    response = provider.get(url)
    row = response.json[0]
    assert row["consent"] is False
    assert [row[k] for k in ("first_name", "last_name", "school_name", "class_name")] == [None] * 4
    assert row["school_phone"] is None
    text = response.get_data(as_text=True)
    assert "Becker" not in text and "Mia" not in text and "Gesamtschule" not in text
    # Nothing further was transferred after the withdrawal.
    assert _transfers(db, world.pupil.id) == transfers_before


def test_is_the_withdrawal_kept_as_evidence_and_a_new_consent_possible(db, world, login_as):
    """Is the withdrawn consent listed with its date, and does a new consent share again?"""
    offer = _confirmed_booking(db, world)
    pupil = login_as(world.pupil)
    body = {"provider_id": world.provider_org.id}
    pupil.post("/api/v1/me/consents", json=body)
    pupil.post("/api/v1/me/consents/revoke", json=body)
    assert pupil.post("/api/v1/me/consents/revoke", json=body).status_code == 404
    listed = pupil.get("/api/v1/me/consents").json
    assert len(listed) == 1 and listed[0]["revoked_at"]
    pupil.post("/api/v1/me/consents", json=body)
    rows = login_as(world.users.provider).get(f"/api/v1/offers/{offer.id}/participants").json
    assert rows[0]["last_name"] == "Becker"
