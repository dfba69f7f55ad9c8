"""Fixtures of the families tests: a pupil below 14 with a booking and an agreement."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.anschluss.models import Anschlussvereinbarung
from app.core import clock
from app.extensions import db as _db
from app.internships.models import Booking, Offer, Slot
from tests import factories as f


@pytest.fixture
def family(db, world, reference):
    """world.pupil is 13 (the guardians decide), has a confirmed booking with world.provider_org
    and a current Anschlussvereinbarung; the same-Kommune pupil has a booking with another
    provider (a link must never reach it)."""
    today = clock.today()
    world.pupil.birth_date = date(today.year - 13, 1, 15)
    offer = Offer(
        provider_id=world.provider_org.id,
        kind="bfe",
        title="Ein Tag in der Werkstatt",
        description="Schrauben",
        street="Hauptstraße 1",
        postcode="44137",
        city="Dortmund",
        status="published",
        min_jahrgang=8,
    )
    _db.session.add(offer)
    _db.session.flush()
    day = today + timedelta(days=14)
    slot = Slot(
        offer_id=offer.id,
        starts_on=day,
        ends_on=day,
        daily_start=time(8),
        daily_end=time(14),
        capacity=5,
        booked=2,
    )
    _db.session.add(slot)
    _db.session.flush()
    _db.session.add(
        Booking(pupil_id=world.pupil.id, slot_id=slot.id, berufsfeld="ITC", status="confirmed")
    )
    other_provider = f.make_provider(world.kommune, name="Fremdbetrieb")
    other_offer = Offer(
        provider_id=other_provider.id,
        kind="bfe",
        title="Anderes",
        description="x",
        street="Weg 2",
        postcode="44137",
        city="Dortmund",
        status="published",
        min_jahrgang=8,
    )
    _db.session.add(other_offer)
    _db.session.flush()
    other_slot = Slot(
        offer_id=other_offer.id,
        starts_on=day,
        ends_on=day,
        daily_start=time(8),
        daily_end=time(14),
        capacity=5,
        booked=1,
    )
    _db.session.add(other_slot)
    _db.session.flush()
    _db.session.add(
        Booking(
            pupil_id=world.same_kommune_pupil.id,
            slot_id=other_slot.id,
            berufsfeld="ITC",
            status="confirmed",
        )
    )
    year = f.current_school_year()
    agreement = Anschlussvereinbarung(
        pupil_id=world.pupil.id,
        school_year_id=year.id,
        version=1,
        is_current=True,
        stufe="10",
        wish_option=None,
        wish_text="Ausbildung als Mechatronikerin",
        alternatives=[],
        berufsfelder=[],
        contacts=[],
        created_by_id=world.users.teacher.id,
    )
    other_agreement = Anschlussvereinbarung(
        pupil_id=world.same_kommune_pupil.id,
        school_year_id=year.id,
        version=1,
        is_current=True,
        stufe="10",
        wish_text="Abitur",
        alternatives=[],
        berufsfelder=[],
        contacts=[],
    )
    _db.session.add_all([agreement, other_agreement])
    _db.session.commit()
    return {
        "agreement_id": agreement.id,
        "other_agreement_id": other_agreement.id,
        "provider_id": world.provider_org.id,
        "other_provider_id": other_provider.id,
    }


@pytest.fixture
def guardian(app, db):
    """An anonymous browser with a CSRF token (the guardian has no account)."""
    from tests.support import with_csrf

    client = app.test_client()
    with_csrf(client)
    return client
