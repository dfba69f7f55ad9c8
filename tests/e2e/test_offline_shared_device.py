"""Offline on a shared device (issue 9, M5): two pupils on one browser profile, an ended session,
a request queued by another account, a second tab. Every test makes its own school world."""

from __future__ import annotations

import pytest

from tests.e2e.offline_support import (
    CACHED_PATHS,
    OFFLINE_DATABASES,
    device_dump,
    live_sessions,
    open_first_step,
    ready_for_offline,
    reflections_containing,
    session_ends_while_offline,
    sign_in_here,
    two_pupils,
    user_id,
    write_reflection_offline,
)

pytestmark = pytest.mark.browser


def test_does_pupil_b_see_nothing_of_pupil_a_after_a_logout_offline(
    page, live_server, login, assert_no_axe_violations
):
    """Pupil A writes a reflection offline and logs out (still offline); pupil B signs in on the
    same browser profile: is nothing of A's on the device or on screen, was A's request never
    sent, and did A's server session end once the device was back online?"""
    pupil_a, pupil_b = two_pupils(live_server)
    secret = "Anna-geheim: mein Praktikum war schwierig"
    login(page, pupil_a)
    ready_for_offline(page)
    write_reflection_offline(page, secret)
    assert secret in device_dump(page)
    # "Mein Weg" came from the API: no answer of it is in a cache of the service worker.
    assert not [path for path in page.evaluate(CACHED_PATHS) if path.startswith("/api/")]

    page.get_by_role("button", name="Abmelden").click()
    page.locator("#logout-confirm").wait_for()
    assert_no_axe_violations(page, "logout with unsent changes 360")
    page.get_by_role("button", name="Trotzdem abmelden und löschen").click()
    page.get_by_role("heading", name="Anmelden").wait_for()
    assert secret not in device_dump(page)
    assert page.evaluate(OFFLINE_DATABASES) == []

    # Back online, the logout made offline ends A's server session before anyone signs in.
    with page.expect_response("**/api/v1/auth/logout"):
        page.context.set_offline(False)
    assert live_sessions(live_server, user_id(live_server, pupil_a)) == 0

    sign_in_here(page, pupil_b)
    page.goto("/#/portfolio")
    page.locator("#screen:not([aria-busy]) #steps").wait_for()
    page.context.set_offline(True)
    page.reload()
    page.locator("#screen:not([aria-busy]) #steps").wait_for()  # B's own offline copy
    assert "Ohne Verbindung" in page.locator("main").inner_text()
    assert secret not in page.locator("body").inner_text()
    device = device_dump(page)
    assert secret not in device and pupil_a not in device
    b_id = user_id(live_server, pupil_b)
    assert page.evaluate(OFFLINE_DATABASES) == [f"anschluss-offline-{b_id}"]
    page.context.set_offline(False)
    assert reflections_containing(live_server, secret) == 0
    assert page.js_errors == []


def test_is_an_ended_sessions_offline_work_never_sent_when_another_pupil_signs_in(
    page, live_server, login
):
    """A writes offline, A's session ends meanwhile (timeout), the device comes back online: does
    the app show the login with nothing of A's, delete A's offline data when B signs in, and never
    send A's request — neither in A's ended session nor in B's?"""
    pupil_a, pupil_b = two_pupils(live_server)
    secret = "Anna-abgelaufen: das bleibt unter uns"
    session_ends_while_offline(page, live_server, login, pupil_a, secret)
    assert secret not in page.locator("body").inner_text()
    assert page.evaluate("localStorage.getItem('anschluss.me')") is None

    sign_in_here(page, pupil_b)
    assert secret not in device_dump(page)
    page.goto("/#/portfolio")
    page.locator("#screen:not([aria-busy]) #steps").wait_for()
    assert secret not in page.locator("body").inner_text()
    page.evaluate("import('/js/drafts.js').then((d) => d.flushOutbox())")
    assert reflections_containing(live_server, secret) == 0
    assert page.js_errors == []


def test_does_a_pupil_whose_session_ended_offline_keep_the_work_after_signing_in_again(
    page, live_server, login
):
    """A's session times out while A works offline: when A (not someone else) signs in again,
    is the reflection sent, so that a long offline stretch loses nothing?"""
    pupil_a, _ = two_pupils(live_server)
    text = "Nach langer Zeit ohne Netz: Ich will Erzieherin werden."
    session_ends_while_offline(page, live_server, login, pupil_a, text)
    assert reflections_containing(live_server, text) == 0

    with page.expect_response(lambda r: "/me/portfolio/steps/" in r.url and r.ok):
        sign_in_here(page, pupil_a)
    assert reflections_containing(live_server, text) == 1


def test_does_the_outbox_drop_a_request_queued_by_another_account(page, live_server, login):
    """A request in the outbox that belongs to another account (a stale tab of A, an older
    app version) while B is signed in: is it deleted unsent, and does B's data stay untouched?"""
    pupil_a, pupil_b = two_pupils(live_server)
    login(page, pupil_b)
    a_id, b_id = user_id(live_server, pupil_a), user_id(live_server, pupil_b)
    step_id = page.evaluate(
        "fetch('/api/v1/me/portfolio').then((r) => r.json()).then((p) => p.steps[0].id)"
    )
    secret = "von A eingereiht, darf nie in Bs Sitzung laufen"
    outcome = page.evaluate(
        """async ({database, item}) => {
          const drafts = await import('/js/drafts.js');
          await drafts.getDraft('warm-up'); // the app's database of B exists
          const db = await new Promise((resolve) => {
            const request = indexedDB.open(database);
            request.onsuccess = () => resolve(request.result);
          });
          await new Promise((resolve) => {
            const tx = db.transaction('outbox', 'readwrite');
            tx.objectStore('outbox').add(item);
            tx.oncomplete = resolve;
          });
          db.close();
          const events = [];
          drafts.onOutboxResult((event) => events.push(event.status));
          await drafts.flushOutbox();
          return {events, left: (await drafts.outboxItems()).length};
        }""",
        {
            "database": f"anschluss-offline-{b_id}",
            "item": {
                "owner": a_id,
                "method": "PUT",
                "path": f"/me/portfolio/steps/{step_id}",
                "body": {"status": "done", "reflection": secret},
                "idempotencyKey": "stale-a",
            },
        },
    )
    assert outcome == {"events": ["dropped"], "left": 0}
    assert reflections_containing(live_server, secret) == 0


def test_does_another_tab_signing_in_someone_else_take_a_pupils_screen_away(
    page, live_server, login
):
    """A's "Mein Weg" is open in one tab; in a second tab of the same browser A logs out and
    B signs in: does the first tab stop showing A's data by itself?"""
    pupil_a, pupil_b = two_pupils(live_server)
    login(page, pupil_a)
    open_first_step(page)
    page.locator("#step-reflection").fill("Anna schreibt gerade")
    second = page.context.new_page()
    second.goto("/#/home")
    second.locator("#screen:not([aria-busy]) h1").wait_for()
    second.get_by_role("button", name="Abmelden").click()
    second.get_by_role("heading", name="Anmelden").wait_for()
    sign_in_here(second, pupil_b)
    page.get_by_role("heading", name="Hallo, Ben!").wait_for()
    assert "Anna schreibt gerade" not in page.locator("body").inner_text()


def test_does_an_offline_start_long_after_the_last_login_show_nobodys_data(
    page, live_server, login
):
    """The tablet was left without logging out and is opened offline the next day: does the app
    show the login instead of the last pupil's "Mein Weg" (no session lives past 12 hours)?"""
    pupil_a, _ = two_pupils(live_server)
    login(page, pupil_a)
    ready_for_offline(page)
    open_first_step(page)
    page.context.set_offline(True)
    page.evaluate(
        """() => {
          const snapshot = JSON.parse(localStorage.getItem('anschluss.me'));
          snapshot.confirmedAt = Date.now() - 13 * 60 * 60 * 1000;
          localStorage.setItem('anschluss.me', JSON.stringify(snapshot));
        }"""
    )
    page.goto("/#/portfolio")
    page.reload()
    page.get_by_role("heading", name="Anmelden").wait_for()
    assert page.locator("#steps").count() == 0
    assert page.evaluate("localStorage.getItem('anschluss.me')") is None
    page.context.set_offline(False)
