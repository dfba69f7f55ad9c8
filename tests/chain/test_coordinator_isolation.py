"""Does a receiving coordinator see nothing of pupils beyond their cases? (B1)

The access matrix proves scopes route by route; this adds the whole-API view: which routes a
Berufskolleg / Kommune coordinator may call at all, and that a handed-over pupil stays out of
reach on every pupil, class and school route.
"""

from __future__ import annotations

import re

from app.core.policy import rule_for_endpoint
from tests.api_routes import api_routes
from tests.chain.helpers import hand_over

# Everything a bk_coordinator may call: own account (and language), catalogues, school/provider
# directories, own notifications, the cases handed to them, and their own school's incoming
# pupils (the receiving side of the transition: minimal fields, arrivals and no-shows, and the
# admissions import that updates only applications already naming the school; issue 10), and the
# board of Ausbildungsplätze (a directory of companies' vacancies, to suggest one in a case;
# issue 15).
BK_ALLOWED = re.compile(
    r"^/api/v1/(auth/.*|me/notifications.*|me/language|kaoa/plan|schools|providers|anschluss/catalog|cases.*"
    r"|vacancies|vacancies/<int:vacancy_id>"
    r"|kaoa/plan"  # the KAoA plan as reference data (elements per Jahrgang), no pupil in it
    r"|schools/<int:school_id>/(incoming(/arrivals)?|registration-imports))$"
)
PUPIL_PARAMS = {
    "pupil_id",
    "class_id",
    "step_id",
    "vereinbarung_id",
    "next_step_id",
    "anschluss_report_id",
    "booking_id",
    "handover_consent_id",
}


def _granting(app, role):
    for url_rule, method in api_routes(app):
        rule = rule_for_endpoint(app, url_rule.endpoint)
        if rule is not None and not rule.public and role in rule.roles:
            yield url_rule, method


def test_are_the_bk_coordinators_routes_only_cases_and_directories(app):
    """Is any route besides cases, own account and directories open to a bk_coordinator?"""
    extra = [
        f"{m} {r.rule}" for r, m in _granting(app, "bk_coordinator") if not BK_ALLOWED.match(r.rule)
    ]
    assert extra == []


def test_are_the_recipient_coordinators_routes_only_cases_and_directories(app):
    """May an Agentur / Jobcenter coordinator call anything but cases, own account, directories?"""
    allowed = re.compile(
        r"^/api/v1/(auth/.*|me/notifications.*|me/language|kaoa/plan|schools|providers|anschluss/catalog|cases.*)$"
    )
    extra = [
        f"{m} {r.rule}"
        for r, m in _granting(app, "recipient_coordinator")
        if not allowed.match(r.rule)
    ]
    assert extra == []


def test_does_no_pupil_route_admit_a_receiving_coordinator(app):
    """Does any route about a pupil, class or pupil object name a coordinator role?"""
    for role in ("bk_coordinator", "kommune_coordinator", "recipient_coordinator"):
        leaking = [
            f"{m} {r.rule}" for r, m in _granting(app, role) if set(r.arguments) & PUPIL_PARAMS
        ]
        assert leaking == [], role


def test_is_a_handed_over_pupil_still_out_of_reach(world, login_as, db, app):
    """After a handover, does every GET route with a pupil id still refuse the coordinator?"""
    hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    client = login_as(world.users.bk_coordinator)
    refused = []
    for url_rule, method in api_routes(app):
        if method != "GET" or set(url_rule.arguments) - {"pupil_id", "school_id"}:
            continue
        if not url_rule.arguments:
            continue
        path = url_rule.rule.replace("<int:pupil_id>", str(world.pupil.id)).replace(
            "<int:school_id>", str(world.school.id)
        )
        status = client.get(path).status_code
        assert status in (403, 404), (path, status)
        refused.append(path)
    assert any("/pupils/" in path for path in refused)
    assert client.get(f"/api/v1/schools/{world.school.id}/handovers").status_code == 403
