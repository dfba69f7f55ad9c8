"""Browser-test fixtures: a live server on a seeded file SQLite DB, Playwright chromium, axe.

The live server is shared by the whole session; tests do not empty its tables (unlike the
`db` fixture of tests/conftest.py). So that every test passes alone, in any order and in the
full run, a test never changes data another test reads: it creates its own school world with
`live_server.make_class_world()` / `make_user(role)`, or changes only demo accounts its file
owns. Demo accounts and what may change them:

- test_allocation.py: schueler1 (ranks, gets a booking), schueler12 … schueler15 (ranked by
  the setup); rounds of the demo school (created, run and published by "stubo").
- test_anschluss.py: schueler2 (Anschluss and agreement recorded), schueler3 (axe only).
- test_chain.py: schueler4 (axe only), schueler5 (gives and withdraws a consent).
- test_internships.py: schueler11 (axe only); new offers of the provider of "betrieb" (the
  booking flow runs in its own world with its own provider).
- test_pupil_journey.py: schueler30 (questionnaire, step, sharing), schueler31 (axe only).
- Read only, shared by several files: lehrer, stubo, bk, kommune, betrieb (no test changes
  their accounts or the records they see except through the pupils listed above).
- test_shell.py, test_shell_accessibility.py, test_enrol_passkey.py, test_e2e_roster_import.py,
  test_identification_rounds.py and the chain handover make their own worlds and users
  (test_shell.py only reads "lehrer"'s class 10a).

Waiting: never sleep. `open_screen(page, path)` / `with new_screen(page): …` wait until the
router has finished rendering a *new* screen (the old one is marked stale first), so a check
never runs against the screen that is being replaced; otherwise wait for a specific element,
text or response.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import shutil
import sys
import threading
import warnings
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "anschluss-demo"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _seed(app) -> dict:
    """Reference data and the demo region, when their loaders exist and work.

    The browser tests create their own users, classes and pupils, so a missing or broken
    seed is reported loudly but does not stop them.
    """
    from app.extensions import db

    counts: dict = {}
    with app.app_context():
        db.create_all()
        for name, module, function in (
            ("reference", "seeds.loader", "load_reference"),
            ("demo", "seeds.demo", "seed_demo_region"),
        ):
            try:
                loader = getattr(import_module(module), function)
                with warnings.catch_warnings():
                    # Deprecations inside the seeds are the seed tests' business, not ours.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    counts[name] = loader()
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported, the tests make their own data
                db.session.rollback()
                counts[name] = None
                print(f"\n!!! e2e: {name} seed unavailable: {exc!r}", file=sys.stderr)
    return counts


_numbers = itertools.count(1)


class LiveServer(SimpleNamespace):
    """The running app: `.url`, `.app`, and helpers to create data in its database."""

    def create(self, fn):
        """Run fn() in an app context, commit, and return its result."""
        from app.extensions import db

        with self.app.app_context():
            result = fn()
            db.session.commit()
            return result

    def make_class_world(
        self, pupils=(("Mia", "Becker"), ("Ali", "Yilmaz")), *, pupil_logins=False, provider=False
    ):
        """A fresh Kommune, school and class 10e with a teacher (password login) and pupils.

        pupil_logins: the pupils get usernames (`.pupil_usernames`) and the demo password.
        provider: an approved provider in the Kommune with a contact user (`.provider`,
        `.provider_id`, `.provider_name`). Returns ids and usernames only (no ORM objects
        outlive the app context).
        """
        from app.auth.passwords import hash_password
        from app.schools.models import School
        from tests import factories as f

        n = next(_numbers)
        tag = secrets.token_hex(3)
        password = hash_password(DEMO_PASSWORD)

        def build():
            from app.extensions import db

            kommune = f.make_kommune(f"E2E-Kommune {tag}")
            school = School(
                schulnummer=f"9{n:02d}{secrets.randbelow(1000):03d}"[:6],
                name=f"Gesamtschule E2E {tag}",
                schulform="GE",
                kommune_id=kommune.id,
                postcode="44135",
                city="Dortmund",
            )
            db.session.add(school)
            db.session.flush()
            klasse = f.make_class(school, "10e", "10")
            logins = (
                (lambda i: {"username": f"pupil-{tag}-{i}", "password_hash": password})
                if pupil_logins
                else (lambda i: {})
            )
            made = [
                f.make_pupil(
                    klasse,
                    first_name=first,
                    last_name=last,
                    external_id=f"E2E{tag}{i}",
                    **logins(i),
                )
                for i, (first, last) in enumerate(pupils)
            ]
            teacher = f.make_teacher(
                klasse,
                username=f"lehrkraft-{tag}",
                first_name="Lena",
                last_name="Lehrerin",
                password_hash=password,
            )
            extra = {}
            if provider:
                company = f.make_provider(kommune, name=f"Betrieb E2E {tag}")
                contact = f.make_user(
                    "provider",
                    username=f"betrieb-{tag}",
                    provider_id=company.id,
                    password_hash=password,
                )
                extra = {
                    "provider": contact.username,
                    "provider_id": company.id,
                    "provider_name": company.name,
                }
            return SimpleNamespace(
                kommune_id=kommune.id,
                school_id=school.id,
                class_id=klasse.id,
                class_name=klasse.name,
                teacher=teacher.username,
                pupil_ids=[p.id for p in made],
                pupils=[f"{p.first_name} {p.last_name}" for p in made],
                pupil_usernames=[p.username for p in made],
                tag=tag,
                **extra,
            )

        return self.create(build)

    def make_user(self, role: str, **fields):
        """A user with a password (DEMO_PASSWORD); returns the username."""
        from app.auth.passwords import hash_password
        from tests import factories as f

        tag = secrets.token_hex(3)
        fields.setdefault("username", f"{role.replace('_', '-')}-{tag}")
        fields.setdefault("password_hash", hash_password(DEMO_PASSWORD))
        return self.create(lambda: f.make_user(role, **fields).username)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from werkzeug.serving import make_server

    from app import create_app
    from app.extensions import db

    db_file = tmp_path_factory.mktemp("e2e") / "e2e.db"
    # Bind first so the configured origin carries the real port.
    probe = make_server("localhost", 0, lambda environ, start: [], threaded=True)
    port = probe.server_port
    probe.server_close()
    url = f"http://localhost:{port}"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
            "PUBLIC_BASE_URL": url,
            "WEBAUTHN_ORIGIN": url,
            "WEBAUTHN_RP_ID": "localhost",
            "SESSION_COOKIE_SECURE": False,
            "SESSION_COOKIE_NAME": "anschluss_session",
            "HSTS": False,
            "RATELIMIT_STORAGE_URI": "memory://",
            # One client address runs every test: per-address limits would make later tests
            # fail for what earlier ones did. Rate limiting has its own API tests. (Not
            # RATELIMIT_ENABLED=False: the limiter object is shared, so that would switch it
            # off for every later test in the same process.)
            "LOGIN_RATE_LIMIT": "10000 per minute",
            "EXPORT_RATE_LIMIT": "10000 per minute",
            "PASSKEY_OPTIONS_RATE_LIMIT": "10000 per minute",
            "ROSTER_IMPORT_RATE_LIMIT": "10000 per minute",
        }
    )
    seeded = _seed(app)
    if os.environ.get("CI") and None in seeded.values():
        # Under CI the tests that use demo accounts must run, not skip or fail obscurely.
        pytest.fail(f"e2e seed failed under CI: {seeded}")
    server = make_server("localhost", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield LiveServer(url=url, app=app, seeded=seeded, db_file=db_file)
    server.shutdown()
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _chromium_missing() -> bool:
    return not (Path(CHROMIUM).exists() or shutil.which("chromium"))


@pytest.fixture(scope="session")
def _playwright():
    if _chromium_missing():
        message = f"chromium not found at {CHROMIUM}: browser tests need Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip("!!! " + message + " (run `make chromium` as root) !!!")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    browser = _playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(browser, live_server, width: int, height: int):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        locale="de-DE",
        service_workers="allow",
    )
    page = context.new_page()
    page.base_url = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test, phone-sized (360 × 740)."""
    context, page = _new_page(browser, live_server, 360, 740)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_server):
    """A fresh browser context per test, desktop-sized (1280 × 800)."""
    context, page = _new_page(browser, live_server, 1280, 800)
    yield page
    context.close()


def add_virtual_authenticator(page) -> tuple:
    """A platform authenticator with resident keys and user verification (CDP WebAuthn)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    result = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, result["authenticatorId"]


@pytest.fixture
def virtual_authenticator():
    """virtual_authenticator(page) → (cdp_session, authenticator_id)."""
    return add_virtual_authenticator


STALE_SCREEN = (
    "() => { const s = document.getElementById('screen'); if (s) s.dataset.stale = '1'; }"
)
FRESH_SCREEN = "#screen:not([data-stale]):not([aria-busy])"


@contextmanager
def new_screen(page, timeout: float = 15000):
    """Around a navigation: wait until the router has finished a screen that is new.

    The current screen is marked stale first, so neither it nor its elements can satisfy
    the wait while the hashchange is still on its way.
    """
    page.evaluate(STALE_SCREEN)
    yield
    page.locator(FRESH_SCREEN).wait_for(timeout=timeout)


def open_screen(page, path: str) -> None:
    """Go to a hash route (or URL) and wait until its screen is rendered (again)."""
    with new_screen(page):
        if urljoin(page.url, path) == page.url:
            page.reload()  # the same hash fires no hashchange: render the route afresh
        else:
            page.goto(path)


def login_through_ui(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Password login via the login screen; waits until the home screen is rendered.

    The app is loaded afresh, so that state left in the page by an earlier login or a cleared
    session cookie cannot redirect the login screen.
    """
    page.context.clear_cookies()  # whoever was logged in in this context before
    page.goto("about:blank")
    page.goto("/#/login")
    page.locator(FRESH_SCREEN + " #login-password-form").wait_for()
    form = page.locator("#login-password-form")
    form.get_by_label("Benutzername", exact=True).fill(username)
    form.get_by_label("Passwort", exact=True).fill(password)
    with new_screen(page):
        form.locator("button[type=submit]").click()
        page.wait_for_url("**/#/home")
    page.locator("main h1").wait_for()


@pytest.fixture
def login():
    """login(page, username, password='anschluss-demo') through the UI."""
    return login_through_ui


def check_axe(page, label: str = "") -> None:
    from axe_playwright_python.sync_playwright import Axe

    # Let the screen finish rendering (the router clears aria-busy when it is done) and the
    # shell's header finish its own requests (the inbox badge asks for the unread count).
    page.wait_for_selector("#screen:not([aria-busy])", timeout=10000)
    page.wait_for_function(
        "() => !document.querySelector('button[aria-busy], #inbox-link:not([aria-label])')"
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response.get("violations", [])
    summary = [
        {
            "id": v["id"],
            "impact": v.get("impact"),
            "help": v.get("help"),
            "nodes": [
                {"target": n.get("target"), "html": n.get("html"), "why": n.get("failureSummary")}
                for n in v.get("nodes", [])[:5]
            ],
        }
        for v in violations
    ]
    assert not violations, f"axe violations on {label} ({page.url}):\n" + json.dumps(
        summary, indent=2, ensure_ascii=False
    )


@pytest.fixture
def screens():
    """screens.open(page, path) and `with screens.new(page): …` (see new_screen)."""
    return SimpleNamespace(open=open_screen, new=new_screen, fresh=FRESH_SCREEN)


@pytest.fixture
def assert_no_axe_violations():
    """assert_no_axe_violations(page) → zero WCAG 2.1 A/AA violations (axe-core)."""
    return check_axe
