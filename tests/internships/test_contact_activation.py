"""Provider contacts are activated by their owner (issue 9, M3): whoever creates a contact
never sees or sets its password, the colleagues hear of it, and usernames cannot be probed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from app.auth.models import AccountActivation, User
from app.core import clock
from app.notifications.models import Notification, OutboxMail
from tests import factories as f
from tests.auth.activation_support import activation_token_of
from tests.support import count_of, one_of, with_csrf

ACTIVATE = "/api/v1/auth/activate"
NEW = {"first_name": "Kai", "last_name": "Neumann", "email": "kai@betrieb.example"}


def _url(world) -> str:
    return f"/api/v1/providers/{world.provider_org.id}/contacts"


def _activate(app, token, password="ein-eigenes-passwort"):
    return with_csrf(app.test_client()).post(ACTIVATE, json={"token": token, "password": password})


def test_can_a_coordinator_mint_an_account_and_read_its_password(app, db, world, login_as):
    """The attack of issue 9 M3: does the coordinator learn any way to log in as the contact?"""
    response = login_as(world.users.kommune_coordinator).post(_url(world), json=NEW)
    assert response.status_code == 201, response.json
    text = response.get_data(as_text=True)
    assert "password" not in text and "token" not in text
    contact = db.session.get(User, response.json["contact"]["id"])
    assert contact.password_hash is None
    stored = one_of(AccountActivation, user_id=contact.id)
    token = activation_token_of(contact.id)
    assert token not in stored.token_hash and token not in text
    attempt = with_csrf(app.test_client()).post(
        "/api/v1/auth/login", json={"username": contact.username, "password": ""}
    )
    assert attempt.status_code in (401, 422)
    mail = one_of(OutboxMail, user_id=contact.id)
    assert mail.to_address == "kai@betrieb.example"
    assert contact.username in mail.body


def test_is_the_activation_link_single_use_and_expiring(app, db, world, login_as):
    """Does the link work once, and not after it expired?"""
    login_as(world.users.provider).post(_url(world), json=NEW)
    contact = one_of(User, email="kai@betrieb.example")
    token = activation_token_of(contact.id)
    first = _activate(app, token)
    assert first.status_code == 200 and first.json["id"] == contact.id
    again = _activate(app, token, "ein-anderes-passwort")
    assert again.status_code == 401
    assert again.json["type"].endswith("/problems/activation-link-invalid")
    login_as(world.users.provider).post(
        _url(world), json={**NEW, "email": "zweite@betrieb.example"}
    )
    second = one_of(User, email="zweite@betrieb.example")
    db.session.execute(
        update(AccountActivation)
        .where(AccountActivation.user_id == second.id)
        .values(expires_at=clock.now() - timedelta(seconds=1))
    )
    db.session.commit()
    assert _activate(app, activation_token_of(second.id)).status_code == 401
    assert _activate(app, "x" * 43).status_code == 401


def test_is_a_weak_or_username_password_refused_without_spending_the_link(app, world, login_as):
    """Are a short password and the username as password refused, the link still usable?"""
    login_as(world.users.provider).post(_url(world), json=NEW)
    contact = one_of(User, email="kai@betrieb.example")
    token = activation_token_of(contact.id)
    short = _activate(app, token, "kurz")
    assert short.status_code == 422 and "password" in short.json["errors"]
    same = _activate(app, token, contact.username)
    assert same.status_code == 422 and "password" in same.json["errors"]
    assert _activate(app, token).status_code == 200


def test_are_the_providers_other_contacts_told(db, world, login_as):
    """Do the existing active contacts (not the creator) hear of the new colleague?"""
    colleague = f.make_user("provider", provider_id=world.provider_org.id, email="c@b.example")
    db.session.commit()
    login_as(world.users.kommune_coordinator).post(_url(world), json=NEW)
    notices = {n.user_id: n for n in db.session.query(Notification).all()}
    assert notices[colleague.id].kind == "provider_contact_added"
    assert "Kai Neumann" in notices[colleague.id].body_de
    assert world.users.provider.id in notices
    assert world.users.kommune_coordinator.id not in notices
    assert count_of(OutboxMail, user_id=colleague.id) == 1


def test_can_usernames_be_probed_through_contact_creation(db, world, login_as):
    """Is there any answer that depends on whether a login name exists?"""
    f.make_user("teacher", username="kneumann1234")
    db.session.commit()
    provider = login_as(world.users.provider)
    probe = provider.post(_url(world), json={**NEW, "username": "kneumann1234"})
    assert probe.status_code == 422 and "username" in probe.json["errors"]
    answers = [provider.post(_url(world), json=NEW) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json["contact"]["username"] != answers[1].json["contact"]["username"]


def test_is_an_email_required(world, login_as):
    """Without an address the link could reach nobody: is the field named?"""
    response = login_as(world.users.provider).post(
        _url(world), json={"first_name": "Kai", "last_name": "Neumann"}
    )
    assert response.status_code == 422 and "email" in response.json["errors"]


def test_can_a_new_link_be_sent_and_does_the_old_one_end(app, db, world, login_as):
    """Does a resent link replace the old one, and is resending refused once activated?"""
    provider = login_as(world.users.provider)
    contact_id = provider.post(_url(world), json=NEW).json["contact"]["id"]
    old = activation_token_of(contact_id)
    resend = f"{_url(world)}/{contact_id}/activation"
    other = f.make_user("kommune_coordinator", kommune_id=world.other_kommune.id)
    db.session.commit()
    assert login_as(other).post(resend).status_code == 403
    response = login_as(world.users.kommune_coordinator).post(resend)
    assert response.status_code == 200 and response.json["activated"] is False
    new = activation_token_of(contact_id)
    assert new != old
    assert _activate(app, old).status_code == 401
    assert _activate(app, new).status_code == 200
    again = provider.post(resend)
    assert again.status_code == 409
    assert again.json["type"].endswith("/problems/contact-already-activated")
