"""Ausbildungsplätze in the browser (issue 15): a company publishes a vacancy, the Kommune
approves the company, an unplaced pupil sees it with its "warum", marks interest and consents,
and the company sees the candidate; a coordinator suggests another vacancy in a case and records
an invitation, which the youth then finds among their applications. Every screen passes axe at
360 px, the pupil's and the Kommune's also at 1280 px."""

from __future__ import annotations

import secrets
from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.core import clock
from tests.e2e.conftest import check_axe, login_through_ui, open_screen

pytestmark = pytest.mark.browser

SOCIAL = {"R": 20, "I": 30, "A": 60, "S": 90, "E": 55, "C": 25}


def make_world(live_server) -> SimpleNamespace:
    """Kommune with a school class of two leavers (Mia with an S-A-E interest profile; Ali
    handed to the Kommune as a case), a company waiting for approval with its contact, an
    approved company with one live vacancy, the Kommune's coordinator and a StuBO."""
    world = live_server.make_class_world(
        pupils=(("Mia", "Becker"), ("Ali", "Yilmaz")), pupil_logins=True, provider=True
    )
    tag = secrets.token_hex(3)

    def build():
        from app.auth.models import User
        from app.auth.passwords import hash_password
        from app.extensions import db
        from app.interests.models import InterestProfile
        from app.internships.models import Provider
        from app.schools.models import Kommune
        from tests import factories as f
        from tests.chain.helpers import hand_over
        from tests.vacancies.support import KOCH, make_vacancy, set_record

        password = hash_password("anschluss-demo")
        kommune = db.session.get(Kommune, world.kommune_id)
        waiting = f.make_provider(kommune, approved=False, name=f"Kita Sonnenschein {tag}")
        contact = f.make_user(
            "provider", username=f"kita-{tag}", provider_id=waiting.id, password_hash=password
        )
        coordinator = f.make_user(
            "kommune_coordinator",
            username=f"kommune-{tag}",
            kommune_id=kommune.id,
            password_hash=password,
        )
        stubo = f.make_user("stubo", school_id=world.school_id)
        mia, ali = (db.session.get(User, pupil_id) for pupil_id in world.pupil_ids)
        db.session.add(
            InterestProfile(
                pupil_id=mia.id,
                questionnaire_version="e2e",
                answers={},
                scores=SOCIAL,
                code="SAE",
                berufsfelder=[{"kuerzel": "SP", "score": 90}],
            )
        )
        set_record(mia, expected="SBO_10_7_5")  # Erster Schulabschluss expected
        other = make_vacancy(
            db.session.get(Provider, world.provider_id),
            KOCH,
            starts_on=clock.today() + timedelta(days=240),
        )
        case = hand_over(stubo, ali, "kommune")
        return SimpleNamespace(
            company=contact.username,
            company_name=waiting.name,
            coordinator=coordinator.username,
            other_vacancy=other.title,
            case_id=case.id,
        )

    made = live_server.create(build)
    return SimpleNamespace(**vars(world), **vars(made))


def test_from_publishing_to_an_application(page, desktop_page, live_server):
    world = make_world(live_server)
    start = (clock.today() + timedelta(days=270)).isoformat()

    # The company publishes an Ausbildungsplatz; it waits for the Kommune.
    login_through_ui(page, world.company)
    open_screen(page, "/#/provider/vacancies")
    form = page.locator("#vacancy-form")
    form.get_by_label("Ausbildungsberuf").select_option(label="Erzieher/in")
    form.get_by_label("Ausbildungsbeginn").fill(start)
    form.get_by_label("Postleitzahl").fill("44137")
    form.get_by_label("Ort", exact=True).fill("Dortmund")
    form.get_by_label("Meist erwarteter Schulabschluss").select_option(
        label="Erster Schulabschluss (ESA)"
    )
    form.get_by_label("So bewirbt man sich").fill("Bewerbung an kita@example.org")
    form.get_by_role("button", name="Veröffentlichen").click()
    own = page.locator("#own-vacancies")
    own.get_by_text("noch nicht sichtbar").wait_for()
    check_axe(page, "company vacancies")

    # The Kommune approves the company: its vacancy goes live.
    login_through_ui(page, world.coordinator)
    open_screen(page, "/#/vacancies/region")
    page.locator("#pending-vacancies").get_by_text("Erzieher/in").wait_for()
    check_axe(page, "Kommune vacancies")
    page.get_by_role("button", name=f"Betrieb freigeben: {world.company_name}").click()
    page.get_by_text("Keine Ausbildungsplätze warten auf eine Freigabe.").wait_for()
    page.locator("#vacancy-supply-table").wait_for()

    # The unplaced pupil sees it with its "warum", shows interest and consents.
    login_through_ui(page, world.pupil_usernames[0])
    open_screen(page, "/#/my-vacancies")
    match = page.locator("#vacancy-matches li", has_text="Erzieher/in").first
    why = match.locator(".vacancy-why")
    why.get_by_text("passt zu deinem Profil S-A-E", exact=False).wait_for()
    assert "Erster Schulabschluss (ESA) genügt meist" in why.inner_text()
    assert "SBO" not in match.inner_text()
    check_axe(page, "pupil vacancies")
    match.get_by_label("Der Betrieb darf meinen Namen").check()
    match.get_by_role("button", name="Interesse zeigen").click()
    page.locator("#vacancy-matches li", has_text="Erzieher/in").first.get_by_text(
        "Der Betrieb sieht deinen Namen"
    ).first.wait_for()

    # The company now sees the candidate.
    login_through_ui(page, world.company)
    open_screen(page, "/#/provider/vacancies")
    page.locator("#own-vacancies").get_by_text("Mia Becker", exact=False).wait_for()

    # The coordinator suggests another vacancy in Ali's case and records an invitation.
    login_through_ui(page, world.coordinator)
    open_screen(page, f"/#/cases/{world.case_id}")
    section = page.locator("#case-vacancies")
    section.get_by_role("button", name=f"Vorschlagen: {world.other_vacancy}", exact=False).click()
    suggestions = page.locator("#case-suggestions")
    suggestions.get_by_role("heading", name=world.other_vacancy, exact=False).wait_for()
    page.locator("#case-contacts-h").wait_for()
    assert "Ausbildungsplatz vorgeschlagen" in page.locator(".chain-contacts").inner_text()
    suggestions.get_by_label(f"Ergebnis für {world.other_vacancy}").select_option(label="Einladung")
    suggestions.get_by_role("button", name=f"Ergebnis speichern: {world.other_vacancy}").click()
    page.locator("#case-suggestions").get_by_text("als Bewerbung erfasst").wait_for()
    check_axe(page, "case with vacancies")

    # Ali finds the invitation among his applications.
    login_through_ui(page, world.pupil_usernames[1])
    open_screen(page, "/#/my-applications")
    page.locator("#my-applications").get_by_text("Einladung", exact=False).first.wait_for()

    # The wide layout of the pupil's and the Kommune's screens.
    login_through_ui(desktop_page, world.pupil_usernames[0])
    open_screen(desktop_page, "/#/my-vacancies")
    desktop_page.locator("#vacancy-matches").wait_for()
    check_axe(desktop_page, "pupil vacancies 1280")
    login_through_ui(desktop_page, world.coordinator)
    open_screen(desktop_page, "/#/vacancies/region")
    desktop_page.locator("#vacancy-supply-table").wait_for()
    check_axe(desktop_page, "Kommune vacancies 1280")
