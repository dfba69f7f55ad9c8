"""Staff issue one-time enrolment codes for the pupils of a class (list and printable sheet)."""

from __future__ import annotations

import re
from datetime import timedelta
from xml.etree import ElementTree

from app.auth.models import EnrolmentCode, UserSession, WebAuthnCredential
from app.auth.passwords import hash_password
from app.core import clock
from app.core.audit import AuditEvent
from app.notifications.models import Notification, OutboxMail
from tests.auth.passkey_support import BASE, authenticator, login, register
from tests.support import count_of, one_of, rows_of, with_csrf

CODE_PATTERN = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def _codes_url(school_class) -> str:
    return f"/api/v1/classes/{school_class.id}/enrolment-codes"


def _enrol(app, code, name="Mia"):
    return with_csrf(app.test_client()).post(
        "/api/v1/auth/enrol", json={"code": code, "display_name": name}
    )


def test_can_a_class_teacher_issue_codes_for_pupils_who_cannot_log_in_yet(app, db, world, login_as):
    """Does the default give one fresh code per pupil without passkey or password?"""
    world.classmate.password_hash = hash_password("schon-ein-passwort")
    db.session.commit()
    response = login_as(world.users.teacher).post(_codes_url(world.klasse), json={})
    assert response.status_code == 201, response.json
    (issued,) = response.json
    assert issued["pupil_id"] == world.pupil.id
    assert (issued["first_name"], issued["last_name"]) == ("Mia", "Becker")
    assert CODE_PATTERN.match(issued["code"])
    assert issued["enrol_url"] == f"{app.config['PUBLIC_BASE_URL']}/#/enrol?code={issued['code']}"
    assert issued["qr_svg"].startswith("<svg")
    # A standalone SVG document: namespaced, so it works as an image file / data URL.
    svg = ElementTree.fromstring(issued["qr_svg"])  # noqa: S314 - our own server output
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") and svg.find("{http://www.w3.org/2000/svg}title").text == "QR"
    stored = one_of(EnrolmentCode)
    assert stored.code_hash != issued["code"] and issued["code"] not in stored.code_hash
    assert timedelta(days=13, hours=23) < stored.expires_at - clock.now() <= timedelta(days=14)
    assert stored.created_by_id == world.users.teacher.id


def test_is_issuing_codes_audited(db, world, login_as):
    """Is handing out codes recorded per pupil with the purpose class management?"""
    login_as(world.users.teacher).post(_codes_url(world.klasse), json={})
    events = rows_of(AuditEvent, resource="enrolment_code")
    assert {e.pupil_id for e in events} == {world.pupil.id, world.classmate.id}
    assert {e.purpose for e in events} == {"class_management"}
    assert {e.actor_id for e in events} == {world.users.teacher.id}


def test_can_codes_be_issued_for_chosen_pupils(world, login_as):
    """Can the teacher name the pupils who cannot log in yet?"""
    response = login_as(world.users.teacher).post(
        _codes_url(world.klasse), json={"pupil_ids": [world.classmate.id]}
    )
    assert [row["pupil_id"] for row in response.json] == [world.classmate.id]


def test_is_a_pupil_of_another_class_refused(world, login_as):
    """Can a teacher issue a code for a pupil outside the class in the path?"""
    response = login_as(world.users.teacher).post(
        _codes_url(world.klasse), json={"pupil_ids": [world.pupil.id, world.pupil_b.id]}
    )
    assert response.status_code == 422
    assert "pupil_ids" in response.json["errors"]


def test_does_a_new_code_end_the_older_open_one(app, world, login_as):
    """Does reissuing make the earlier code of that pupil useless?"""
    teacher = login_as(world.users.teacher)
    body = {"pupil_ids": [world.pupil.id]}
    old = teacher.post(_codes_url(world.klasse), json=body).json[0]["code"]
    new = teacher.post(_codes_url(world.klasse), json=body).json[0]["code"]
    assert _enrol(app, old).status_code == 401
    assert _enrol(app, new).status_code == 200


def test_who_may_issue_codes_for_a_class(world, login_as):
    """May the class teacher, StuBO and admin issue codes — and nobody else?"""
    url = _codes_url(world.klasse)
    assert login_as(world.users.teacher).post(url, json={}).status_code == 201
    assert login_as(world.users.stubo).post(url, json={}).status_code == 201
    assert login_as(world.users.admin).post(url, json={}).status_code == 201
    assert login_as(world.teacher_b).post(url, json={}).status_code == 403
    assert login_as(world.other_teacher).post(url, json={}).status_code == 403
    assert login_as(world.pupil).post(url, json={}).status_code == 403
    assert login_as(world.users.kommune_coordinator).post(url, json={}).status_code == 403
    assert (
        login_as(world.users.stubo).post(_codes_url(world.other_class), json={}).status_code == 403
    )
    assert (
        with_csrf(login_as(world.users.teacher))
        .post("/api/v1/classes/999999/enrolment-codes", json={})
        .status_code
        == 404
    )


def test_is_an_anonymous_visitor_refused(api, world):
    """Can someone without a login issue codes?"""
    assert api.post(_codes_url(world.klasse), json={}).status_code == 401


def test_does_a_lost_device_reset_end_every_login_of_the_pupil(app, db, world, login_as):
    """Does a lost-device code revoke passkeys, password and sessions, audited as a reset?"""
    auth = authenticator(app)
    pupil_client = login_as(world.pupil)
    assert register(pupil_client, auth).status_code == 201
    world.pupil.password_hash = hash_password("altes-passwort-123")
    world.pupil.username = "mia.becker"
    db.session.commit()
    response = login_as(world.users.teacher).post(
        _codes_url(world.klasse), json={"pupil_ids": [world.pupil.id], "purpose": "lost_device"}
    )
    assert response.status_code == 201
    assert count_of(WebAuthnCredential) == 0
    db.session.refresh(world.pupil)
    assert world.pupil.password_hash is None
    assert pupil_client.get("/api/v1/auth/me").status_code == 401
    assert count_of(UserSession, user_id=world.pupil.id, revoked_at=None) == 0
    assert login(with_csrf(app.test_client()), auth).status_code == 401
    password_login = with_csrf(app.test_client()).post(
        "/api/v1/auth/login", json={"username": "mia.becker", "password": "altes-passwort-123"}
    )
    assert password_login.status_code == 401
    audit = one_of(AuditEvent, action="lost_device_reset")
    assert (audit.pupil_id, audit.actor_id) == (world.pupil.id, world.users.teacher.id)
    assert one_of(EnrolmentCode, pupil_id=world.pupil.id).purpose == "lost_device"
    assert _enrol(app, response.json[0]["code"]).status_code == 200


def test_is_the_pupil_told_of_a_lost_device_reset(app, db, world, login_as):
    """Does the pupil find the reset in the inbox and, with a known address, in the mail?"""
    world.pupil.email = "mia@example.org"
    db.session.commit()
    register(login_as(world.pupil), authenticator(app))
    login_as(world.users.teacher).post(
        _codes_url(world.klasse), json={"pupil_ids": [world.pupil.id], "purpose": "lost_device"}
    )
    entry = one_of(Notification, user_id=world.pupil.id)
    assert entry.kind == "login_reset"
    assert "Passkeys" in entry.body_de and "passkeys" in entry.body_en
    mail = one_of(OutboxMail, user_id=world.pupil.id)
    assert mail.to_address == "mia@example.org"
    assert "zurückgesetzt" in mail.subject


def test_can_a_teacher_get_a_code_for_a_pupil_who_can_log_in(app, db, world, login_as):
    """The attack of issue 9 H2: can a teacher quietly get a code for an enrolled pupil?"""
    auth = authenticator(app)
    register(login_as(world.pupil), auth)
    world.classmate.password_hash = hash_password("schon-ein-passwort")
    db.session.commit()
    teacher = login_as(world.users.teacher)
    for pupil in (world.pupil, world.classmate):
        response = teacher.post(_codes_url(world.klasse), json={"pupil_ids": [pupil.id]})
        assert response.status_code == 409
        assert response.json["type"].endswith("/problems/pupils-can-log-in")
        assert "pupil_ids" in response.json["errors"]
        sheet_url = f"{_codes_url(world.klasse)}/sheet.pdf"
        assert teacher.post(sheet_url, json={"pupil_ids": [pupil.id]}).status_code == 409
    assert count_of(EnrolmentCode) == 0
    assert count_of(WebAuthnCredential, user_id=world.pupil.id) == 1
    assert login(with_csrf(app.test_client()), auth).status_code == 200


def test_is_a_first_login_code_void_once_the_pupil_can_log_in(app, db, world, login_as):
    """If the pupil got a login after a first-login code was issued, does that code fail?"""
    code = (
        login_as(world.users.teacher)
        .post(_codes_url(world.klasse), json={"pupil_ids": [world.pupil.id]})
        .json[0]["code"]
    )
    world.pupil.password_hash = hash_password("inzwischen-ein-passwort")
    db.session.commit()
    assert _enrol(app, code).status_code == 401
    assert count_of(UserSession, user_id=world.pupil.id) == 0


def test_is_revoking_without_naming_pupils_refused(db, world, login_as):
    """Can one click reset the logins of a whole class?"""
    response = login_as(world.users.teacher).post(
        _codes_url(world.klasse), json={"purpose": "lost_device"}
    )
    assert response.status_code == 422
    assert "pupil_ids" in response.json["errors"]
    assert count_of(EnrolmentCode) == 0


def test_are_bad_bodies_refused_with_the_field_named(world, login_as):
    """Are unknown fields, empty lists and non-integers refused?"""
    teacher = login_as(world.users.teacher)
    for body, field in (
        ({"pupil_ids": []}, "pupil_ids"),
        ({"purpose": "takeover"}, "purpose"),
        ({"pupil_ids": ["x"]}, "pupil_ids.0"),
        ({"class": 1}, "class"),
    ):
        response = teacher.post(_codes_url(world.klasse), json=body)
        assert response.status_code == 422
        assert field in response.json["errors"], response.json


def test_is_the_printable_sheet_a_pdf_with_fresh_codes(db, world, login_as):
    """Does the sheet come as an A4 PDF, issuing a code for each pupil (names in any script)?"""
    response = login_as(world.users.teacher).post(f"{_codes_url(world.klasse)}/sheet.pdf", json={})
    assert response.status_code == 201
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 595.28 841.89]" in response.data  # A4
    assert "attachment" in response.headers["Content-Disposition"]
    open_codes = rows_of(EnrolmentCode, used_at=None, revoked_at=None)
    assert {c.pupil_id for c in open_codes} == {world.pupil.id, world.classmate.id}


def test_are_pupil_lists_showing_enrolment_state(app, world, login_as):
    """Does the class list show who has a passkey and who holds an open code?"""
    teacher = login_as(world.users.teacher)
    teacher.post(_codes_url(world.klasse), json={"pupil_ids": [world.classmate.id]})
    register(login_as(world.pupil), authenticator(app))
    rows = {r["id"]: r for r in teacher.get(f"/api/v1/classes/{world.klasse.id}/pupils").json}
    assert rows[world.pupil.id]["enrolled"] and rows[world.pupil.id]["passkey_count"] == 1
    assert rows[world.classmate.id]["open_enrolment_code"]
    assert not rows[world.classmate.id]["enrolled"]


def test_is_the_passkey_list_of_a_pupil_empty_after_revocation(app, world, login_as):
    """After a staff revocation, does the pupil see no passkeys once logged in again?"""
    register(login_as(world.pupil), authenticator(app))
    code = (
        login_as(world.users.teacher)
        .post(
            _codes_url(world.klasse), json={"pupil_ids": [world.pupil.id], "purpose": "lost_device"}
        )
        .json[0]["code"]
    )
    client = with_csrf(app.test_client())
    response = client.post("/api/v1/auth/enrol", json={"code": code, "display_name": "Mia"})
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    assert client.get(BASE).json == []
