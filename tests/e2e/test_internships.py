"""Internships in the browser: a pupil finds and books a day, the class teacher confirms it,
the provider marks attendance; axe finds no WCAG 2.1 A/AA violation on the screens."""

from __future__ import annotations

import uuid

import pytest

from app.core import clock

pytestmark = pytest.mark.browser

AXE_PUPIL = "schueler11"  # demo pupil of 10a, owned by this file (read only)


def _setup_offer(live_server, provider_id: int | None = None) -> dict:
    """A live BFE offer with one slot in 3 weeks: of the given provider, or of the demo
    provider of user "betrieb"."""

    def create():
        from sqlalchemy import select

        from app.auth.models import User
        from app.extensions import db
        from app.internships.models import Provider
        from tests.internships.helpers import make_offer, make_slot, school_day

        if provider_id is None:
            contact = db.session.scalar(select(User).where(User.username == "betrieb"))
            provider = db.session.get(Provider, contact.provider_id)
        else:
            provider = db.session.get(Provider, provider_id)
        title = f"Labortag {uuid.uuid4().hex[:6]}"
        offer = make_offer(provider, fields=("N",), title=title, postcode=provider.postcode)
        slot = make_slot(offer, school_day(21), capacity=2)
        return {"offer_id": offer.id, "slot_id": slot.id, "title": title}

    return live_server.create(create)


def _day_has_come(live_server, slot_id: int) -> None:
    def update():
        from app.extensions import db
        from app.internships.models import Slot

        db.session.get(Slot, slot_id).starts_on = clock.today()

    live_server.create(update)


def _context_page(browser, live_server, width=360, height=740):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, locale="de-DE"
    )
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


def test_pupil_books_teacher_confirms_provider_marks_attendance(
    page, browser, live_server, login, assert_no_axe_violations
):
    """Can a pupil find and book a day, the teacher confirm it and the provider mark attendance?"""
    # An own Kommune, school, class and provider: no other test's offers or bookings show up.
    world = live_server.make_class_world(
        pupils=(("Nele", "Schmitz"),), pupil_logins=True, provider=True
    )
    offer = _setup_offer(live_server, world.provider_id)
    login(page, world.pupil_usernames[0])
    page.goto("/#/offers")
    page.locator("#offer-list").wait_for()
    page.get_by_role("link", name=f"Details und Termine: {offer['title']}").click()
    page.get_by_role("heading", level=1, name=offer["title"]).wait_for()
    page.locator("#slot-list button").first.click()
    page.locator("#booking-status").get_by_text("Deine Lehrkraft muss").wait_for()
    # The date now says it is the pupil's, requested — also when the screen is opened again.
    page.locator("#slot-list .slot-item__mine").get_by_text("angefragt").wait_for()
    page.reload()
    page.locator("#slot-list .slot-item__mine").get_by_text("angefragt").wait_for()
    page.goto("/#/bookings")
    item = page.locator("#booking-list li", has_text=offer["title"])
    item.get_by_text("angefragt").wait_for()
    item.get_by_role("button", name="Einwilligen: Daten an").click()
    item.get_by_text("Du hast erlaubt").wait_for()
    # The data page lists the consent with the company's name.
    page.goto("/#/disclosures")
    page.locator("#company-consents").get_by_text(world.provider_name).wait_for()
    page.goto("/#/bookings")
    page.locator("#booking-list").wait_for()

    context, teacher = _context_page(browser, live_server)
    try:
        login(teacher, world.teacher)
        teacher.goto("/#/internships")
        teacher.get_by_role("link", name="Klasse 10e öffnen").click()
        teacher.locator("#class-bookings li.class-booking").first.wait_for()
        row = teacher.locator("li.class-booking", has_text=offer["title"])
        row.get_by_role("button", name="Bestätigen:").click()
        teacher.locator("li.class-booking", has_text=offer["title"]).get_by_text(
            "bestätigt"
        ).first.wait_for()
        assert_no_axe_violations(teacher, "teacher class bookings")
    finally:
        context.close()

    _day_has_come(live_server, offer["slot_id"])
    context, provider = _context_page(browser, live_server, 1280, 800)
    try:
        login(provider, world.provider)
        provider.goto("/#/provider")
        provider.get_by_role("link", name=f"Termine und Teilnehmende: {offer['title']}").click()
        provider.locator("#participants").wait_for()
        provider.get_by_role("button", name="Anwesend:").first.click()
        provider.locator("#provider-status").get_by_text("Anwesenheit gespeichert.").wait_for()
        # The message comes first, then the list is fetched again: wait for the new list.
        attended = provider.locator("#participants").get_by_text("teilgenommen")
        attended.first.wait_for()
        assert attended.count() == 1
        assert_no_axe_violations(provider, "provider offer")
    finally:
        context.close()

    page.reload()  # the pupil's screen is still open: fetch the new state
    item = page.locator("#booking-list li", has_text=offer["title"])
    item.get_by_role("link", name="Teilnahmebescheinigung (PDF)").wait_for()
    assert page.js_errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_pupil_screens_have_no_axe_violations(
    browser, live_server, login, assert_no_axe_violations, width
):
    """Do the offer list, an offer and my bookings pass axe at phone and desktop width?"""
    offer = _setup_offer(live_server)
    context, page = _context_page(browser, live_server, width, 800)
    try:
        login(page, AXE_PUPIL)
        page.goto("/#/offers")
        page.locator("#offer-list").wait_for()
        assert_no_axe_violations(page, "offers")
        page.goto(f"/#/offers/{offer['offer_id']}")
        page.locator("#slot-list").wait_for()
        assert_no_axe_violations(page, "offer detail")
        page.goto("/#/bookings")
        page.locator("#bfe-progress").wait_for()
        assert_no_axe_violations(page, "my bookings")
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_screens_have_no_axe_violations(
    browser, live_server, login, assert_no_axe_violations, width
):
    """Do the provider's, the coordinator's and the class-picker screens pass axe?"""
    for username, path, ready in (
        ("betrieb", "/#/provider", "#offer-form"),
        ("kommune", "/#/internships/region", "#supply-table"),
        ("stubo", "/#/internships/region", "#supply-table"),
        ("lehrer", "/#/internships", "#internship-classes"),
    ):
        context, page = _context_page(browser, live_server, width, 800)
        try:
            login(page, username)
            page.goto(path)
            page.locator(ready).wait_for()
            assert_no_axe_violations(page, f"{username} {path}")
        finally:
            context.close()
