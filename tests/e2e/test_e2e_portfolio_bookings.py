"""Bookings in "Mein Weg" in the browser: the attended Praktikum with its certificate."""

from __future__ import annotations

import secrets

import pytest

pytestmark = pytest.mark.browser


def make_pupil_with_praktikum(live_server) -> str:
    """A grade 10 pupil (password login) with an attended Betriebspraktikum; the username."""
    world = live_server.make_class_world(pupils=())
    tag = secrets.token_hex(3)

    def build():
        from datetime import time

        from app.auth.passwords import hash_password
        from app.core import clock
        from app.extensions import db
        from app.internships.models import Booking, Offer, OfferBerufsfeld, Slot
        from app.schools.models import School, SchoolClass
        from tests import factories as f
        from tests.e2e.conftest import DEMO_PASSWORD

        school = db.session.get(School, world.school_id)
        klasse = db.session.get(SchoolClass, world.class_id)
        pupil = f.make_pupil(
            klasse,
            first_name="Jana",
            last_name="Özdemir",
            username=f"praktikum-{tag}",
            password_hash=hash_password(DEMO_PASSWORD),
        )
        provider = f.make_provider(f.make_kommune(f"E2E-Betriebe {tag}"), name="Autohaus Nord")
        offer = Offer(
            provider_id=provider.id,
            kind="praktikum",
            title="Praktikum in der Kfz-Werkstatt",
            postcode=school.postcode,
            status="published",
        )
        offer.fields = [OfferBerufsfeld(berufsfeld="M", position=0)]
        db.session.add(offer)
        db.session.flush()
        today = clock.today()
        slot = Slot(
            offer_id=offer.id,
            starts_on=today,
            ends_on=today,
            daily_start=time(8),
            daily_end=time(14),
            capacity=3,
            booked=1,
        )
        db.session.add(slot)
        db.session.flush()
        db.session.add(
            Booking(
                pupil_id=pupil.id,
                slot_id=slot.id,
                berufsfeld="M",
                status="attended",
                attendance_at=clock.now(),
            )
        )
        return pupil.username

    return live_server.create(build)


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_pupil_sees_the_attended_praktikum_with_its_certificate(
    request, viewport, live_server, login, assert_no_axe_violations
):
    """Does "Mein Weg" show the Praktikum done (a grade-10 pupil's one Sek I Praktikum, on the
    grade-9 step among the earlier steps), with provider and a working certificate link?"""
    page = request.getfixturevalue(viewport)
    login(page, make_pupil_with_praktikum(live_server))
    page.goto("/#/portfolio")
    page.locator("#earlier-steps").wait_for()
    step = page.locator("#earlier-steps li", has=page.locator(".step__booking"))
    assert step.count() == 1
    text = step.inner_text()
    assert "Teilnahme bestätigt" in text and "Praktikum in der Kfz-Werkstatt" in text
    assert "Autohaus Nord" in text
    assert step.get_attribute("data-status") == "done"
    link = step.get_by_role("link", name="Teilnahmebescheinigung (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    assert_no_axe_violations(page, f"portfolio with booking {viewport}")
    assert page.js_errors == []
