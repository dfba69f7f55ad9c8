"""The transition through the summer in the browser, with the clock at 20 August of the next
year: a teacher records "angetreten" for last year's leaver; the Berufskolleg confirms two
arrivals and reports one no-show; the StuBO and the Kommune see the alert and the Schulpflicht
flag; the rollover moves 8a to 9a and a pupil's portfolio and profile are still there. Every
new screen passes axe at 360 and 1280 px."""

from __future__ import annotations

import secrets
from datetime import date
from types import SimpleNamespace

import pytest

from app.core import clock

pytestmark = pytest.mark.browser


def make_transition_world(live_server) -> SimpleNamespace:
    """A school with 10e (four leavers, 16 at leaving) and 8a (a pupil with a portfolio step and
    an interest profile), their teachers, a StuBO, a Berufskolleg with its coordinator and the
    Kommune's coordinator. Three leavers' chosen applications name the Berufskolleg."""
    world = live_server.make_class_world(
        pupils=(("Mia", "Becker"), ("Ali", "Yilmaz"), ("Lena", "Schulz"), ("Tom", "Wagner"))
    )
    tag = secrets.token_hex(3)

    def build():
        from app.anschluss import applications
        from app.auth.models import User
        from app.auth.passwords import hash_password
        from app.extensions import db
        from app.interests.models import InterestProfile
        from app.portfolio.models import PortfolioStep
        from app.schools.models import Kommune, School
        from tests import factories as f
        from tests.factories import current_school_year

        year = current_school_year()
        school = db.session.get(School, world.school_id)
        kommune = db.session.get(Kommune, school.kommune_id)
        college = f.make_school(kommune, "BK", f"Berufskolleg E2E {tag}")
        password = hash_password("anschluss-demo")
        stubo = f.make_user(
            "stubo", school_id=school.id, username=f"stubo-{tag}", password_hash=password
        )
        pupils = [db.session.get(User, pupil_id) for pupil_id in world.pupil_ids]
        for pupil in pupils:
            pupil.birth_date = date(year.ends_on.year - 16, 5, 17)
        for pupil in pupils[:3]:
            applications.create(
                stubo,
                pupil.id,
                {
                    "target_kind": "school",
                    "target_school_id": college.id,
                    "option_code": "BFSII",
                    "status": "zugesagt",
                    "is_chosen": True,
                },
            )
        applications.create(
            stubo,
            pupils[3].id,
            {
                "target_kind": "company",
                "target_name": "Elektro Schmidt GmbH",
                "option_code": "DUAL",
                "status": "zugesagt",
                "is_chosen": True,
            },
        )
        eight = f.make_class(school, "8a", "8")
        younger = f.make_pupil(
            eight,
            first_name="Noah",
            last_name="Krüger",
            username=f"noah-{tag}",
            password_hash=password,
            external_id=f"E2E8{tag}",
        )
        f.make_teacher(eight, username=f"lehrer8-{tag}", password_hash=password)
        db.session.add(
            PortfolioStep(
                pupil_id=younger.id,
                jahrgang="8",
                sbo_kuerzel="SBO 5.1",
                sequence=1,
                status="done",
                berufsfeld="ITC",
                reflection="Mein Tag in der IT-Firma",
            )
        )
        db.session.add(
            InterestProfile(
                pupil_id=younger.id,
                questionnaire_version="e2e",
                answers={},
                scores={"R": 1},
                code="RIA",
            )
        )
        return SimpleNamespace(
            college_id=college.id,
            stubo=stubo.username,
            younger=younger.username,
            leaver_ids=[p.id for p in pupils],
            summer=date(year.ends_on.year, 8, 20),
            bk=f.make_user(
                "bk_coordinator",
                school_id=college.id,
                kommune_id=kommune.id,
                username=f"bk-{tag}",
                password_hash=password,
            ).username,
            kommune=f.make_user(
                "kommune_coordinator",
                kommune_id=kommune.id,
                username=f"kommune-{tag}",
                password_hash=password,
            ).username,
        )

    extra = live_server.create(build)
    return SimpleNamespace(**vars(world), **vars(extra))


def test_the_summer_after_leaving(page, live_server, login, screens):
    """20 August: angetreten, arrivals, a no-show with alert and Schulpflicht flag, rollover."""
    w = make_transition_world(live_server)
    clock.travel_to(w.summer)
    mia, ali, lena, tom = w.leaver_ids

    login(page, w.teacher)
    screens.open(page, f"/#/anschluss/pupils/{tom}")
    form = page.locator("#anschluss-status-form")
    form.get_by_label("Erwarteter Abschluss").select_option("SBO_10_7_7")
    form.get_by_label("Status", exact=True).select_option("angetreten")
    form.get_by_label("Anschlussoption").select_option("DUAL")
    form.get_by_role("button", name="Anschluss speichern").click()
    page.locator("#anschluss-message .notice--success").wait_for()
    assert "angetreten" in page.locator("#anschluss-history").inner_text()

    login(page, w.bk)
    screens.open(page, "/#/incoming")
    table = page.locator("#incoming-table")
    table.get_by_label("Becker, Mia auswählen").check()
    table.get_by_label("Yilmaz, Ali auswählen").check()
    page.locator("#confirm-arrivals").click()
    page.locator("#incoming-message").get_by_text("2 angekommen").wait_for()
    page.locator("#incoming-table").get_by_label("Schulz, Lena auswählen").check()
    page.locator("#report-no-show").click()
    page.get_by_role("button", name="Ja, nicht erschienen melden").click()
    page.locator("#incoming-message").get_by_text("1 nicht erschienen").wait_for()
    rows = page.locator("#incoming-table tbody tr")
    assert rows.filter(has_text="Becker").get_by_text("angekommen").is_visible()

    login(page, w.stubo)
    screens.open(page, "/#/transition")
    alerts = page.locator("#transition-alerts")
    assert "Schulz, Lena" in alerts.inner_text()
    assert alerts.get_by_text("schulpflichtig ohne Platz").is_visible()
    lena_row = page.locator(f"#transition-table tr[data-pupil='{lena}']")
    assert "schulpflichtig ohne Platz" in lena_row.inner_text()
    mia_row = page.locator(f"#transition-table tr[data-pupil='{mia}']")
    assert "Ankunft von der aufnehmenden Schule bestätigt" in mia_row.inner_text()

    login(page, w.kommune)
    screens.open(page, "/#/transition-alerts")
    kommune_alerts = page.locator("#kommune-alerts")
    assert "Schulz, Lena" in kommune_alerts.inner_text()
    assert kommune_alerts.get_by_text("schulpflichtig").first.is_visible()
    screens.open(page, "/#/cases")
    assert page.get_by_role("link", name="Lena Schulz").is_visible()

    login(page, w.stubo)
    screens.open(page, "/#/rollover")
    page.locator("#rollover-preview").click()
    page.locator("#rollover-result table").wait_for()
    moves = page.locator("#rollover-result table").inner_text()
    assert "8a" in moves and "9a" in moves
    page.locator("#rollover-commit").click()
    page.get_by_role("button", name="Schuljahreswechsel übernehmen").last.click()
    page.locator("#rollover-result .notice--success").get_by_text("eröffnet").wait_for()

    login(page, w.younger)
    portfolio = page.request.get("/api/v1/me/portfolio").json()
    assert "Mein Tag in der IT-Firma" in str(portfolio)
    profiles = page.request.get("/api/v1/me/interest-profiles").json()
    assert profiles and "RIA" in str(profiles)
    screens.open(page, "/#/portfolio")
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_transition_screens_have_no_axe_violations(
    request, viewport, live_server, login, assert_no_axe_violations, screens
):
    """Do the new screens — Meine Bewerbungen, the teacher's applications, incoming pupils,
    the StuBO's transition, the Kommune's alerts, import and rollover — pass axe?"""
    page = request.getfixturevalue(viewport)
    w = make_transition_world(live_server)
    pupil = live_server.create(lambda: _pupil_login(w.leaver_ids[0]))
    visits = [
        (pupil, ["/#/my-applications"]),
        (w.teacher, [f"/#/anschluss/pupils/{w.leaver_ids[0]}"]),
        (w.bk, ["/#/incoming"]),
        (w.stubo, ["/#/transition", "/#/registration-import", "/#/rollover"]),
        (w.kommune, ["/#/transition-alerts"]),
    ]
    for username, paths in visits:
        login(page, username)
        for path in paths:
            screens.open(page, path)
            assert_no_axe_violations(page, f"{username} {path}")
    assert page.js_errors == []


def _pupil_login(pupil_id: int) -> str:
    """Give a pupil of the world a username and the demo password; returns the username."""
    from app.auth.models import User
    from app.auth.passwords import hash_password
    from app.extensions import db

    pupil = db.session.get(User, pupil_id)
    pupil.username = f"pupil-{secrets.token_hex(3)}"
    pupil.password_hash = hash_password("anschluss-demo")
    return pupil.username
