"""How long the PWA takes to show its first screen, on a simulated 4G connection (issue 13).

    python -m bench.pwa_start_bench [--runs 5] [--network 4g|none] [--user schueler1]

Starts the app on a temporary SQLite database with the demo region, drives Debian's chromium
with Playwright and throttles the page *and* the service worker through the Chrome DevTools
Protocol (Network.emulateNetworkConditions; the service worker is a target of its own, a page's
throttling does not reach its fetches). Per run, in a fresh browser profile:

- first load, login: an anonymous visitor, empty HTTP cache, no service worker;
- first load, home: a signed-in pupil, still empty caches (the session cookie is set directly);
- warm start, home: the app opened again in a new tab once its service worker is installed.

A screen counts as shown when the router has finished it (`#screen` without aria-busy, with its
<h1>), measured from the navigation start (performance.now() in the new document).
"""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import statistics
import tempfile
import threading
import warnings

from playwright.sync_api import sync_playwright

# "Regular 4G" as DevTools and Lighthouse use it: 9 Mbit/s down, 1.5 Mbit/s up, 150 ms RTT.
NETWORKS = {
    "4g": {"latency": 150, "downloadThroughput": 9e6 / 8, "uploadThroughput": 1.5e6 / 8},
    "none": None,
}
CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "anschluss-demo"  # noqa: S105 - the seeded demo accounts' documented password
SHOWN = "() => document.querySelector('#screen:not([aria-busy]) h1') ? performance.now() : false"


def start_server() -> str:
    from werkzeug.serving import make_server

    from app import create_app
    from app.extensions import db
    from seeds.demo import seed_demo_region
    from seeds.loader import load_reference

    database = f"sqlite:///{tempfile.mkdtemp()}/pwa-bench.db"
    server = make_server("localhost", 0, lambda environ, start: [], threaded=True)
    url = f"http://localhost:{server.server_port}"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": database,
            "PUBLIC_BASE_URL": url,
            "WEBAUTHN_ORIGIN": url,
            "HSTS": False,
            "RATELIMIT_STORAGE_URI": "memory://",
            "LOGIN_RATE_LIMIT": "10000 per minute",
        }
    )
    with app.app_context(), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        db.create_all()
        load_reference()
        seed_demo_region()
        db.session.commit()
    server.app = app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url


class Throttle:
    """Network emulation for pages and service workers of one browser."""

    def __init__(self, browser, conditions: dict | None):
        self.conditions = conditions
        self.browser_session = browser.new_browser_cdp_session()
        self.workers: set[str] = set()
        self._ids = iter(range(1, 1_000_000))

    def page(self, page) -> None:
        if not self.conditions:
            return
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, **self.conditions})

    def service_workers(self) -> None:
        """Throttle every service worker not yet throttled (attached without flattening)."""
        if not self.conditions:
            return
        targets = self.browser_session.send("Target.getTargets")["targetInfos"]
        for target in targets:
            if target["type"] != "service_worker" or target["targetId"] in self.workers:
                continue
            self.workers.add(target["targetId"])
            attached = self.browser_session.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
            )
            for method, params in (
                ("Network.enable", {}),
                ("Network.emulateNetworkConditions", {"offline": False, **self.conditions}),
            ):
                message = {"id": next(self._ids), "method": method, "params": params}
                self.browser_session.send(
                    "Target.sendMessageToTarget",
                    {"sessionId": attached["sessionId"], "message": json.dumps(message)},
                )


def shown_after(page, url: str) -> float:
    page.goto(url, wait_until="commit")
    return page.wait_for_function(SHOWN, polling=10, timeout=60000).json_value()


def sign_in(context, url: str, username: str) -> None:
    token = context.request.get(f"{url}/api/v1/auth/csrf").json()["csrf_token"]
    response = context.request.post(
        f"{url}/api/v1/auth/login",
        data={"username": username, "password": DEMO_PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    assert response.ok, response.status


def first_login(browser, throttle: Throttle, url: str) -> float:
    context = browser.new_context(service_workers="allow", locale="de-DE")
    try:
        page = context.new_page()
        throttle.page(page)
        return shown_after(page, f"{url}/#/login")
    finally:
        context.close()


def one_run(browser, throttle: Throttle, url: str, username: str, warm_starts: int) -> dict:
    results = {"first load, login": first_login(browser, throttle, url)}
    context = browser.new_context(service_workers="allow", locale="de-DE")
    try:
        sign_in(context, url, username)
        page = context.new_page()
        throttle.page(page)
        results["first load, home"] = shown_after(page, f"{url}/#/home")
        # Installed means precached: the worker is active once its install step has finished.
        page.wait_for_function(
            "navigator.serviceWorker.ready.then((r) => r.active.state === 'activated')",
            timeout=120000,
        )
        page.wait_for_load_state("networkidle")
        warm = []
        for _ in range(warm_starts):
            page.close()
            page = context.new_page()
            throttle.page(page)
            throttle.service_workers()
            warm.append(shown_after(page, f"{url}/#/home"))
            page.wait_for_load_state("networkidle")
        results["warm start, home"] = statistics.median(warm)
        return results
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm-starts", type=int, default=3)
    parser.add_argument("--network", choices=sorted(NETWORKS), default="4g")
    parser.add_argument("--user", default="schueler1")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    url = start_server()
    samples: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        throttle = Throttle(browser, NETWORKS[args.network])
        for _ in range(args.runs):
            for name, value in one_run(browser, throttle, url, args.user, args.warm_starts).items():
                samples.setdefault(name, []).append(value)
        browser.close()
    print(f"network: {args.network} {NETWORKS[args.network] or ''}, runs: {args.runs}")
    for name, values in samples.items():
        print(
            f"{name:20} median {statistics.median(values):6.0f} ms"
            f"   min {min(values):6.0f}   max {max(values):6.0f}"
        )


if __name__ == "__main__":
    main()
