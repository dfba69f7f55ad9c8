"""Every screen of every role, at 360 × 740 and 1280 × 800: does it fit, speak human and pass axe?

The screen list comes from the router (frontend/js/routes.js), so a new screen is swept without
anyone editing this file: the screens without parameters are opened directly, screens with
parameters (`/classes/:id`) through the first link to them found on a screen already visited.
A screen with parameters that no visited screen links to fails the test (list it in
UNREACHABLE with the reason only if the demo data cannot have such a link).

Read only: the sweep opens screens and clicks nothing but links, so it may use the shared demo
accounts (tests/e2e/conftest.py).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ACCOUNTS = {
    "pupil": None,  # a demo pupil with results, see _pupil_with_results
    "teacher": "lehrer",
    "stubo": "stubo",
    "bk_coordinator": "bk",
    "kommune_coordinator": "kommune",
    "provider": "betrieb",
    "admin": "admin",
}

# Routes with parameters that the demo region cannot link to, with the reason.
NO_ROUND = "the demo region has no allocation round (test_allocation.py makes its own)"
NO_OFFER_LINK = "staff reach an offer from a booking; the demo bookings are the pupils' own"
ADMIN_PICKS = "the administrator picks a school in a select first (no link to follow)"
# Demo pupils other test files change (tests/e2e/conftest.py): the sweep reads another one.
OWNED_PUPILS = {f"schueler{n}" for n in (1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 30, 31)}
UNREACHABLE: dict[tuple[str, str], str] = {
    **{
        (role, "/allocation/:id"): NO_ROUND
        for role in ("pupil", "stubo", "kommune_coordinator", "admin")
    },
    ("teacher", "/offers/:id"): NO_OFFER_LINK,
    ("stubo", "/offers/:id"): NO_OFFER_LINK,
    **{
        ("admin", path): ADMIN_PICKS
        for path in (
            "/classes/:id",
            "/classes/:id/import",
            "/classes/:id/codes",
            "/anschluss/classes/:id",
            "/anschluss/pupils/:id",
            "/pupils/:id/kaoa",
        )
    },
}

BERUFSFELD_CODES = "BAV|EL|GESGE|ITC|KKG|LANAUM|ME|PRFE|SP|TEC|VL|WIVE"
# Anschluss option codes (SVWS KAOAAnschlussoptionen) that are neither German words nor part
# of an option's official name (BBW, UB, EQ appear in the names).
OPTION_CODES = (
    "BFSI|BFSII|HÖBFS|BERUFGY|DUAL|SCHUAUS|SCHUGA|BAE|FACHAUS|BVB|JUWERK|PRAKT|SVP|BBA|"
    "DIAAM|WFBM|SCHWAN|ABSENZ|UNBE|NOKEAN|DUASTUD"
)
STATUS_KEYS = (
    "nokean|unbe|zugesagt_vorbehalt|requested|confirmed|rejected|cancelled|attended|no_show|"
    "draft|published|withdrawn|drafted|assigned|unassigned|pending|dismissed|bfe|praktikum|"
    "praxiskurs|langzeitpraktikum|school_transfer|schulpflicht_case"
)
RAW_CODES = re.compile(
    r"SBO_\d"
    rf"|(?<![\w@./-])(?:{BERUFSFELD_CODES}|{OPTION_CODES})(?![\w.-])"
    rf"|(?<![\w@./-])(?:{STATUS_KEYS})(?![\w@.-])"
    r"|(?<![\w@./-])[a-z]+(?:_[a-z]+)+(?![\w@.-])"  # snake_case keys
    r"|(?<![\w@./-])[a-z_]+\.[a-z_]+\.[a-z_.]+(?![\w@-])"  # catalogue keys shown as text
    r"|Geschlecht: [wmd]\b|· [A-Z]\b"
)

ROUTES_JS = """() => import('/js/routes.js').then((m) => m.ROUTES
  .filter((r) => r.roles !== 'anonymous')
  .map((r) => ({ path: r.path, roles: r.roles })))"""

# Visible text of the screen and the shell, without what people typed or the addresses of links.
VISIBLE_TEXT = """() => {
  const parts = [];
  for (const root of [document.querySelector('header'), document.querySelector('nav'),
                      document.querySelector('main')]) {
    if (root) parts.push(root.innerText);
  }
  return parts.join('\\n');
}"""

OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter((el) => !el.closest('.app-nav__list'))
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 6).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${
    (el.textContent || '').trim().slice(0, 40)}`)"""

# Tables whose header row names two columns the same (the reader cannot tell them apart).
TWIN_HEADERS = """() => [...document.querySelectorAll('main table')].flatMap((table) => {
  const names = [...table.querySelectorAll('thead th')]
    .map((th) => th.textContent.trim()).filter(Boolean);
  return names.filter((name, i) => names.indexOf(name) !== i).map((name) => `${table.id}: ${name}`);
})"""

LINKS = """() => [...document.querySelectorAll('main a[href^="#/"]')]
  .map((a) => a.getAttribute('href'))"""


def _pattern(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r":\w+", "[^/?]+", path) + "/?(?:\\?.*)?$")


def _allowed(roles, role: str) -> bool:
    return roles in (None, "public") or (isinstance(roles, list) and role in roles)


def _pupil_with_results(server) -> str:
    """A demo pupil with an interest profile (results, occupations and Berufsfelder link on)."""
    from sqlalchemy import select

    from app.auth.models import User
    from app.extensions import db
    from app.interests.models import InterestProfile

    def find():
        names = db.session.scalars(
            select(User.username)
            .join(InterestProfile, InterestProfile.pupil_id == User.id)
            .where(User.username.like("schueler%"))
            .order_by(User.id)
        ).all()
        return next(name for name in names if name not in OWNED_PUPILS)

    return server.create(find)


def _check(page, path: str, width: int, findings: list[str], axe) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        findings.append(f"{path}: {scroll} px wide: {page.evaluate(OVERFLOWING)}")
    twins = page.evaluate(TWIN_HEADERS)
    if twins:
        findings.append(f"{path}: two columns with the same header: {twins}")
    codes = sorted({m.group(0) for m in RAW_CODES.finditer(page.evaluate(VISIBLE_TEXT))})
    if codes and path != "#/sources":  # the licences name source files and columns by design
        findings.append(f"{path}: codes in visible text: {codes}")
    try:
        axe(page, path)
    except AssertionError as error:
        findings.append(str(error)[:1500])


def sweep(page, login, role: str, width: int, axe, screens, server) -> list[str]:
    warnings: list[str] = []
    page.on(
        "console",
        lambda msg: warnings.append(msg.text) if "missing key" in msg.text else None,
    )
    login(page, ACCOUNTS[role] if role != "pupil" else _pupil_with_results(server))
    routes = [r for r in page.evaluate(ROUTES_JS) if _allowed(r["roles"], role)]
    patterns = {r["path"]: _pattern(r["path"]) for r in routes}
    queue = [f"#{r['path']}" for r in routes if ":" not in r["path"]]
    seen: set[str] = set()
    findings: list[str] = []
    while queue:
        href = queue.pop(0)
        route = next((p for p, rx in patterns.items() if rx.match(href[1:])), None)
        if route is None or route in seen:
            continue
        seen.add(route)
        screens.open(page, "/" + href)
        _check(page, href, width, findings, axe)
        for link in page.evaluate(LINKS):
            target = next((p for p, rx in patterns.items() if rx.match(link[1:])), None)
            if target and target not in seen:
                queue.append(link)
    # A screen opened with a token comes from a link outside the app (a letter, an e-mail).
    missed = [
        p for p in patterns if p not in seen and (role, p) not in UNREACHABLE and ":token" not in p
    ]
    if missed:
        findings.append(f"screens no visited screen links to: {missed}")
    findings.extend(f"console: {w}" for w in sorted(set(warnings)))
    findings.extend(f"page error: {e}" for e in page.js_errors)
    return findings


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_screen_on_a_phone(page, login, role, assert_no_axe_violations, screens, live_server):
    """At 360 × 740: no sideways scrolling, no codes, no missing texts, no axe violations?"""
    findings = sweep(page, login, role, 360, assert_no_axe_violations, screens, live_server)
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_screen_on_a_desktop(
    desktop_page, login, role, assert_no_axe_violations, screens, live_server
):
    """At 1280 × 800: the same checks for every screen of every role."""
    findings = sweep(
        desktop_page, login, role, 1280, assert_no_axe_violations, screens, live_server
    )
    assert not findings, "\n".join(findings)
