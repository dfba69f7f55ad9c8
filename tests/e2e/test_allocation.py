"""Allocation rounds in the browser: a pupil ranks choices with the up/down buttons, the
StuBO runs and publishes the round, the pupil finds the result in the inbox; axe on each."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser

# Demo pupils of the StuBO's school owned by this file (see tests/e2e/conftest.py).
PUPIL = "schueler1"
OTHER_PUPILS = ["schueler12", "schueler13", "schueler14", "schueler15"]


def _setup_round(live_server) -> dict:
    """A round of the StuBO's school with three slots; four other pupils already ranked."""

    def create():
        from sqlalchemy import select

        from app.auth.models import User
        from app.extensions import db
        from app.internships.models import Provider
        from app.schools.models import School
        from tests.allocation.helpers import make_round, make_slot, rank, school_days

        stubo = db.session.scalar(select(User).where(User.username == "stubo"))
        school = db.session.get(School, stubo.school_id)
        provider = db.session.scalar(
            select(Provider).where(
                Provider.kommune_id == school.kommune_id, Provider.approved_at.is_not(None)
            )
        )
        tag = uuid.uuid4().hex[:6]
        days = school_days(3, after_days=150)
        slots = [
            make_slot(provider, days[0], capacity=2, fields=("ITC",), title=f"IT {tag}"),
            make_slot(provider, days[1], capacity=1, fields=("GESGE",), title=f"Pflege {tag}"),
            make_slot(provider, days[2], capacity=2, fields=("M",), title=f"Metall {tag}"),
        ]
        allocation_round = make_round(
            school=school,
            days=days,
            name=f"BFE-Woche {tag}",
            deadline_in=timedelta(days=2),
            seed=99,
        )
        pupils = db.session.scalars(select(User).where(User.username.in_(OTHER_PUPILS))).all()
        for pupil in pupils:
            rank(allocation_round, pupil, [slots[1], slots[0]])
        return {
            "round_id": allocation_round.id,
            "name": allocation_round.name,
            "titles": [slot.offer.title for slot in slots],
        }

    return live_server.create(create)


def _pass_deadline(live_server, round_id: int) -> None:
    def update():
        from app.allocation.models import AllocationRound
        from app.extensions import db
        from tests.allocation.helpers import pass_deadline

        pass_deadline(db.session.get(AllocationRound, round_id))

    live_server.create(update)


def _bookings(live_server, round_id: int) -> list[tuple[str, str]]:
    def read():
        from sqlalchemy import select

        from app.allocation.models import AllocationAssignment
        from app.auth.models import User
        from app.extensions import db
        from app.internships.models import Booking

        return db.session.execute(
            select(User.username, Booking.status)
            .join(AllocationAssignment, AllocationAssignment.booking_id == Booking.id)
            .join(User, User.id == Booking.pupil_id)
            .where(AllocationAssignment.round_id == round_id)
        ).all()

    return live_server.create(read)


def test_pupil_ranks_and_stubo_runs_and_publishes(
    page, desktop_page, live_server, login, assert_no_axe_violations
):
    """Can a pupil rank without drag and drop, and a StuBO run, review and publish a round?"""
    setup = _setup_round(live_server)
    it, care, metal = setup["titles"]

    login(page, PUPIL)
    # On a phone the pupil's other areas sit behind "Mehr" in the bottom navigation.
    page.locator("#bottom-nav").get_by_role("link", name="Mehr").click()
    page.locator("#more-list").get_by_role("link", name="Wahlrunden").click()
    page.get_by_role("link", name=f"Wünsche für „{setup['name']}“ wählen").click()
    page.wait_for_url(f"**/#/allocation/{setup['round_id']}")
    page.locator("#round-slots").wait_for()
    page.get_by_role("button", name=f"{metal} am", exact=False).click()
    page.get_by_role("button", name=f"{it} am", exact=False).click()
    page.get_by_role("button", name=f"{it} nach oben schieben").click()
    choices = page.locator("#my-choices .list-item__title")
    assert choices.all_inner_texts() == [it, metal]
    assert_no_axe_violations(page, "pupil ranking")
    page.locator("#save-choices").click()
    page.locator("#rank-status .notice--success").wait_for()
    assert choices.all_inner_texts() == [it, metal]

    _pass_deadline(live_server, setup["round_id"])
    login(desktop_page, "stubo")
    desktop_page.goto(f"/#/allocation/{setup['round_id']}")
    desktop_page.locator("#round-overview").wait_for()
    assert_no_axe_violations(desktop_page, "round before run")
    desktop_page.locator("#run-round").click()
    desktop_page.locator("#result-table").wait_for()
    assert_no_axe_violations(desktop_page, "drafted round")
    desktop_page.locator("#publish").click()
    desktop_page.locator("#publish-form .notice--error").wait_for()  # review not confirmed
    desktop_page.get_by_label("Ich habe das Ergebnis geprüft", exact=False).check()
    desktop_page.locator("#publish").click()
    desktop_page.locator("#review-status", has_text="Buchungen angelegt").wait_for()
    assert "Veröffentlicht" in desktop_page.locator("h1").inner_text()
    assert_no_axe_violations(desktop_page, "published round")

    booked = _bookings(live_server, setup["round_id"])
    assert (PUPIL, "confirmed") in booked
    # Five pupils, five seats, but four of them only want IT (2 seats) and care (1 seat):
    # the most that can be placed is four, schueler1 (PUPIL) gets metal, the second choice.
    assert len(booked) == 4
    assert desktop_page.locator("#unassigned-table tbody tr").count() == 1

    page.goto("/#/inbox")
    page.get_by_role("heading", name=f"Buchung bestätigt: {metal}").wait_for()
    assert page.locator("#inbox-count").inner_text() != "0"
    assert_no_axe_violations(page, "inbox")
    page.get_by_role("button", name="Alle als gelesen markieren").click()
    page.locator("#inbox-count").wait_for(state="hidden")
    page.goto(f"/#/allocation/{setup['round_id']}")
    page.get_by_text("Du hast einen Platz bekommen", exact=False).wait_for()
    assert not page.js_errors


def test_stubo_opens_a_round_through_the_form(
    desktop_page, live_server, login, assert_no_axe_violations
):
    """Can a StuBO open a round with the form, and are field errors shown accessibly?"""
    from tests.allocation.helpers import school_days

    days = live_server.create(lambda: school_days(3, after_days=200))
    login(desktop_page, "stubo")
    desktop_page.get_by_role("navigation").get_by_role("link", name="Wahlrunden").click()
    desktop_page.locator("#round-form").wait_for()
    assert_no_axe_violations(desktop_page, "round list and form")
    form = desktop_page.locator("#round-form")
    form.get_by_label("Name der Runde").fill("Praxiswoche Juni")
    form.get_by_label("Erster Tag").fill(days[2].isoformat())
    form.get_by_label("Letzter Tag").fill(days[0].isoformat())
    deadline = (days[0] - timedelta(days=7)).isoformat() + "T12:00"
    form.get_by_label("Wahlfrist (Datum und Uhrzeit)").fill(deadline)
    form.locator("button[type=submit]").click()
    desktop_page.locator("#round-form [aria-invalid=true]").first.wait_for()
    assert_no_axe_violations(desktop_page, "round form with errors")
    form.get_by_label("Erster Tag").fill(days[0].isoformat())
    form.get_by_label("Letzter Tag").fill(days[2].isoformat())
    form.locator("button[type=submit]").click()
    desktop_page.wait_for_url("**/#/allocation/*")
    desktop_page.locator("#round-overview").wait_for()
    assert "Praxiswoche Juni" in desktop_page.locator("h1").inner_text()
    assert desktop_page.locator("#run-round").is_disabled()
