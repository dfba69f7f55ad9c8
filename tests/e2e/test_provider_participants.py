"""The company's offer screen: requests still waiting for the school are shown and explained,
attendance is recorded for several participants at once, and the offer's text can be edited.
Runs in its own world (conftest.make_class_world)."""

from __future__ import annotations

from datetime import time

import pytest

pytestmark = pytest.mark.browser


def _offer_with_participants(live_server, world) -> int:
    """Today's BFE of the world's company: two confirmed participants and one request."""
    from app.core import clock
    from app.extensions import db
    from app.internships.models import Booking, Offer, OfferBerufsfeld, Slot

    def build():
        day = clock.today()
        offer = Offer(
            provider_id=world.provider_id,
            kind="bfe",
            title="Ein Tag in der Backstube",
            description="Teig, Ofen, Verkauf",
            street="Saarlandstraße 12",
            postcode="44139",
            city="Dortmund",
            status="published",
            min_jahrgang=8,
        )
        offer.fields = [OfferBerufsfeld(berufsfeld="PRFE", position=0)]
        offer.slots = [
            Slot(
                starts_on=day,
                ends_on=day,
                daily_start=time(8),
                daily_end=time(14),
                capacity=5,
                booked=3,
            )
        ]
        db.session.add(offer)
        db.session.flush()
        states = ("confirmed", "confirmed", "requested")
        for pupil_id, status in zip(world.pupil_ids, states, strict=True):
            db.session.add(
                Booking(
                    pupil_id=pupil_id, slot_id=offer.slots[0].id, berufsfeld="PRFE", status=status
                )
            )
        return offer.id

    return live_server.create(build)


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_company_records_several_and_edits_its_offer(
    request, viewport, live_server, login, assert_no_axe_violations
):
    """Does the company see the waiting request explained, tick two participants and record
    them in one go, and change the offer's title?"""
    page = request.getfixturevalue(viewport)
    world = live_server.make_class_world(
        pupils=(("Mia", "Becker"), ("Ali", "Yilmaz"), ("Lea", "Brandt")), provider=True
    )
    offer_id = _offer_with_participants(live_server, world)
    login(page, world.provider)
    page.goto(f"/#/provider/offers/{offer_id}")
    participants = page.locator("#participants")
    participants.wait_for()
    participants.get_by_text("Die Schule bestätigt die Anfrage noch").wait_for()
    assert participants.get_by_text("Bestätigt. Ab dem ersten Tag").count() == 2
    assert_no_axe_violations(page, "company offer with participants")
    picks = page.locator(".participant-pick")
    assert picks.count() == 2  # the request cannot be marked yet
    picks.nth(0).check()
    picks.nth(1).check()
    page.get_by_role("button", name="Ausgewählte: teilgenommen").click()
    page.locator("#provider-status").get_by_text(
        "Anwesenheit für 2 Personen eingetragen."
    ).wait_for()
    page.locator("#participants").get_by_text(
        "Die Person kann jetzt ihre Bescheinigung"
    ).first.wait_for()
    assert page.locator("#participants").get_by_text("Die Person kann jetzt").count() == 2

    form = page.locator("#offer-text-form")
    form.get_by_label("Titel").fill("Ein Tag in der Bäckerei")
    form.get_by_role("button", name="Text speichern").click()
    page.locator("#provider-status").get_by_text(
        "Der Text des Angebots ist gespeichert."
    ).wait_for()
    page.get_by_role("heading", name="Ein Tag in der Bäckerei", level=1).wait_for()
    assert page.js_errors == []
