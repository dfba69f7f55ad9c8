"""Shared by the offline browser tests: what the device keeps, the server's view of a pupil's
reflections and sessions, and the steps of a pupil working offline."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select, update

from app.auth.models import User, UserSession
from app.core import clock
from app.extensions import db
from app.portfolio.models import PortfolioStep

SW_SOURCE = (Path(__file__).resolve().parents[2] / "frontend" / "sw.js").read_text("utf-8")
SHELL_BLOCK = re.search(r"const SHELL = \[(.*?)\];", SW_SOURCE, re.S)[1]
SHELL_SIZE = len(re.findall(r"'([^']+)'", SHELL_BLOCK))
SHELL_READY = "import('/js/sw-client.js').then((m) => m.checkShell())"
# Everything the device keeps for the site, as text: IndexedDB (every database, every record),
# localStorage and sessionStorage. Cache Storage holds only the app's files (test_shell.py).
DEVICE_DUMP = """async () => {
  const dump = {local: {...localStorage}, session: {...sessionStorage}, databases: {}};
  for (const {name} of await indexedDB.databases()) {
    const database = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    dump.databases[name] = {};
    for (const store of database.objectStoreNames) {
      dump.databases[name][store] = await new Promise((resolve) => {
        const request = database.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    }
    database.close();
  }
  return JSON.stringify(dump);
}"""
CACHED_PATHS = """async () => (await Promise.all((await caches.keys()).map(async (name) =>
  (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)))).flat()"""
OFFLINE_DATABASES = "indexedDB.databases().then((all) => all.map((d) => d.name).sort())"


def user_id(live_server, username: str) -> int:
    return live_server.create(
        lambda: db.session.scalar(select(User.id).where(User.username == username))
    )


def reflections_containing(live_server, text: str) -> int:
    """How many steps of anyone, on the server, hold this text in their reflection."""
    return live_server.create(
        lambda: db.session.scalar(
            select(func.count(PortfolioStep.id)).where(PortfolioStep.reflection.contains(text))
        )
    )


def live_sessions(live_server, account: int) -> int:
    return live_server.create(
        lambda: db.session.scalar(
            select(func.count(UserSession.id)).where(
                UserSession.user_id == account, UserSession.revoked_at.is_(None)
            )
        )
    )


def end_sessions_on_the_server(live_server, account: int) -> None:
    """What an idle or absolute timeout does: the server no longer accepts the session."""
    live_server.create(
        lambda: db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == account, UserSession.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )
    )


def ready_for_offline(page) -> None:
    page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)", timeout=15000)
    assert page.evaluate(SHELL_READY)["complete"] is True


def sign_in_here(page, username: str, password: str = "anschluss-demo") -> None:
    """The next person signs in on the same tab: cookies and storage stay as they are."""
    page.goto("/#/login")
    form = page.locator("#screen:not([aria-busy]) #login-password-form")
    form.get_by_label("Benutzername", exact=True).fill(username)
    form.get_by_label("Passwort", exact=True).fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/#/home")
    page.locator("#screen:not([aria-busy]) h1").wait_for()


def open_first_step(page) -> None:
    page.goto("/#/portfolio")
    page.locator("#screen:not([aria-busy]) #steps").wait_for()
    page.locator("#steps li").first.get_by_role("link").click()
    page.locator("#step-form").wait_for()


def write_reflection_offline(page, text: str) -> None:
    """Open the first step of "Mein Weg" online, then write and save a reflection offline."""
    open_first_step(page)
    page.context.set_offline(True)
    page.wait_for_function("!navigator.onLine")
    page.locator("#step-reflection").fill(text)
    page.locator("#step-save").click()
    page.locator("#step-status", has_text="Auf diesem Gerät gespeichert").wait_for()


def device_dump(page) -> str:
    return page.evaluate(DEVICE_DUMP)


def two_pupils(live_server):
    world = live_server.make_class_world(
        pupils=(("Anna", "Albers"), ("Ben", "Brandt")), pupil_logins=True
    )
    return world.pupil_usernames


def session_ends_while_offline(page, live_server, login, username: str, text: str) -> None:
    """The pupil writes a reflection offline; meanwhile the server ends the session (timeout);
    the device comes back online, the app tries to send and shows the login."""
    login(page, username)
    ready_for_offline(page)
    write_reflection_offline(page, text)
    end_sessions_on_the_server(live_server, user_id(live_server, username))
    page.context.set_offline(False)
    page.wait_for_url("**/#/login*")
    page.get_by_role("heading", name="Anmelden").wait_for()
