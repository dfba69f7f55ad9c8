"""The class teacher's home is a to-do list: counts that lead to the work, and a bulk action that
asks before it acts and says what it did. Runs in its own world (conftest.make_class_world)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

pytestmark = pytest.mark.browser


def _requests(live_server, world) -> None:
    """A BFE offer of the world's company and a booking request of each pupil."""
    from app.core import clock
    from app.extensions import db
    from app.internships.models import Booking, Offer, OfferBerufsfeld, Slot

    def build():
        day = clock.today() + timedelta(days=21)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        offer = Offer(
            provider_id=world.provider_id,
            kind="bfe",
            title="Ein Tag in der Werkstatt",
            description="Mitmachen",
            street="Hauptstraße 1",
            postcode="44137",
            city="Dortmund",
            status="published",
            min_jahrgang=8,
        )
        offer.fields = [OfferBerufsfeld(berufsfeld="M", position=0)]
        offer.slots = [
            Slot(
                starts_on=day,
                ends_on=day,
                daily_start=time(8),
                daily_end=time(14),
                capacity=5,
                booked=len(world.pupil_ids),
            )
        ]
        db.session.add(offer)
        db.session.flush()
        for pupil_id in world.pupil_ids:
            db.session.add(Booking(pupil_id=pupil_id, slot_id=offer.slots[0].id, berufsfeld="M"))

    live_server.create(build)


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_teacher_works_through_the_todo_list(
    request, viewport, live_server, login, screens, assert_no_axe_violations
):
    """Does the home say "2 Buchungsanfragen bestätigen", lead to the waiting requests, and
    confirm them all only after a second "yes" — and is the list empty afterwards?"""
    page = request.getfixturevalue(viewport)
    world = live_server.make_class_world(
        pupils=(("Özlem", "Özdemir"), ("Karl", "König"), ("Olga", "Ostrowski")), provider=True
    )
    world.pupil_ids = world.pupil_ids[:2]  # Olga has nothing to decide
    _requests(live_server, world)
    login(page, world.teacher)
    todo = page.locator("#todo-list")
    link = todo.get_by_role("link", name="2 Buchungsanfragen bestätigen")
    link.wait_for()
    assert_no_axe_violations(page, "teacher home with to-do list")
    with screens.new(page):
        link.click()
    assert "show=requested" in page.url
    cards = page.locator("#class-bookings .list-item__title")
    # Only the pupils with a request, in German order: König before Özdemir (Ö sorts as O).
    assert cards.all_inner_texts() == ["Karl König", "Özlem Özdemir"]
    page.locator("#confirm-all").click()
    question = page.locator("#confirm-all-question")
    assert "2 offene Anfragen bestätigen?" in question.inner_text()
    assert_no_axe_violations(page, "confirm all, asked")
    page.get_by_role("button", name="Ja, alle bestätigen").click()
    page.locator("#class-status").get_by_text("2 Buchungen bestätigt.").wait_for()
    page.locator("#class-bookings").get_by_text("Keine offenen Anfragen.").wait_for()
    screens.open(page, "/#/home")
    page.locator("#todo-done").wait_for()
    assert page.js_errors == []


HIDE = """() => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}"""
# Back after a minute: the clock moves on, the page is visible again.
RETURN = """() => {
  const real = Date.now.bind(Date);
  Date.now = () => real() + 60000;
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}"""


def test_home_is_fresh_when_the_teacher_comes_back(page, live_server, login, screens):
    """Someone else confirmed the requests while the tab was in the background: does the
    home show it when the teacher returns, without a reload?"""
    world = live_server.make_class_world(provider=True)
    _requests(live_server, world)
    login(page, world.teacher)
    page.locator("#todo-list").get_by_text("2 Buchungsanfragen bestätigen").wait_for()

    def others_decide():
        from sqlalchemy import update

        from app.extensions import db
        from app.internships.models import Booking

        db.session.execute(
            update(Booking).where(Booking.pupil_id.in_(world.pupil_ids)).values(status="confirmed")
        )

    live_server.create(others_decide)
    page.evaluate(HIDE)
    with screens.new(page):
        page.evaluate(RETURN)
    page.locator("#todo-done").wait_for()
    assert page.js_errors == []
