"""Providers edit and delete their slots and manage their contact users."""

from __future__ import annotations

from app.auth.models import User, UserSession
from app.internships.capacity import place_booking
from app.internships.models import Slot
from tests import factories as f
from tests.auth.activation_support import activation_token_of
from tests.internships.helpers import make_offer, make_slot, school_day
from tests.support import rows_of


def own_slot(world, **kwargs):
    return make_slot(make_offer(world.provider_org), school_day(), **kwargs)


def test_does_a_provider_move_an_unbooked_bfe_day(world, login_as, db):
    """Does a PATCH move a BFE day (as a whole) and change its hours and places?"""
    slot = own_slot(world)
    db.session.commit()
    new_day = school_day(skip=3)
    body = {
        "starts_on": new_day.isoformat(),
        "daily_start": "09:00",
        "daily_end": "15:00",
        "capacity": 8,
    }
    response = login_as(world.users.provider).patch(f"/api/v1/slots/{slot.id}", json=body)
    assert response.status_code == 200, response.json
    assert response.json["starts_on"] == response.json["ends_on"] == new_day.isoformat()
    assert (response.json["capacity"], response.json["free"]) == (8, 8)


def test_are_slot_rules_applied_to_changes(world, login_as, db):
    """Is a BFE day moved to a weekend or made 2 hours long refused with a 422 naming the field?"""
    slot = own_slot(world)
    db.session.commit()
    client = login_as(world.users.provider)
    day = school_day()
    saturday = day + __import__("datetime").timedelta(days=(5 - day.weekday()) % 7 or 7)
    weekend = client.patch(f"/api/v1/slots/{slot.id}", json={"starts_on": saturday.isoformat()})
    assert weekend.status_code == 422 and "starts_on" in weekend.json["errors"]
    short = client.patch(f"/api/v1/slots/{slot.id}", json={"daily_end": "10:00"})
    assert short.status_code == 422
    assert db.session.get(Slot, slot.id).daily_end.hour == 14


def test_may_capacity_not_drop_below_bookings(world, login_as, db):
    """Is a capacity below the booked places a 409, and booked dates no longer movable?"""
    slot = own_slot(world, capacity=3)
    place_booking(world.pupil.id, slot, "ITC", status="requested", source="pupil")
    place_booking(world.classmate.id, slot, "ITC", status="requested", source="pupil")
    db.session.commit()
    client = login_as(world.users.provider)
    assert client.patch(f"/api/v1/slots/{slot.id}", json={"capacity": 1}).status_code == 409
    ok = client.patch(f"/api/v1/slots/{slot.id}", json={"capacity": 2})
    assert ok.status_code == 200 and ok.json["free"] == 0
    moved = client.patch(
        f"/api/v1/slots/{slot.id}", json={"starts_on": school_day(skip=2).isoformat()}
    )
    assert moved.status_code == 409
    assert client.delete(f"/api/v1/slots/{slot.id}").status_code == 409
    assert db.session.get(Slot, slot.id) is not None


def test_does_a_provider_delete_an_unbooked_slot_only_its_own(world, login_as, db):
    """Is an unbooked slot deleted, and another provider's slot not reachable?"""
    slot = own_slot(world)
    foreign = make_slot(make_offer(world.other_provider_org), school_day())
    db.session.commit()
    slot_id, foreign_id = slot.id, foreign.id
    client = login_as(world.users.provider)
    assert client.delete(f"/api/v1/slots/{foreign_id}").status_code == 403
    assert client.delete(f"/api/v1/slots/{slot_id}").status_code == 204
    db.session.expunge_all()
    assert db.session.get(Slot, slot_id) is None
    assert client.delete(f"/api/v1/slots/{slot_id}").status_code == 404


def test_does_a_contact_add_and_remove_a_colleague(world, login_as, db, api):
    """Can a contact add a colleague who activates the account by the mailed link, and does
    removing the colleague deactivate the account and end its sessions?"""
    url = f"/api/v1/providers/{world.provider_org.id}/contacts"
    provider = login_as(world.users.provider)
    created = provider.post(
        url, json={"first_name": "Lea", "last_name": "Brandt", "email": "lea@betrieb.example"}
    )
    assert created.status_code == 201, created.json
    assert "initial_password" not in created.json
    contact_id = created.json["contact"]["id"]
    username = created.json["contact"]["username"]
    listed = {c["id"]: c for c in provider.get(url).json}
    assert listed[contact_id]["activated"] is False
    assert listed[contact_id]["activation_expires_at"]
    token = activation_token_of(contact_id)
    client = api
    activated = client.post(
        "/api/v1/auth/activate", json={"token": token, "password": "mein-eigenes-passwort"}
    )
    assert activated.status_code == 200, activated.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = activated.json["csrf_token"]
    assert client.get("/api/v1/auth/me").json["username"] == username
    assert {c["id"]: c for c in provider.get(url).json}[contact_id]["activated"] is True
    assert provider.delete(f"{url}/{contact_id}").status_code == 204
    assert client.get("/api/v1/auth/me").status_code == 401
    db.session.expire_all()
    assert db.session.get(User, contact_id).active is False
    sessions = rows_of(UserSession, user_id=contact_id)
    assert sessions and all(s.revoked_at is not None for s in sessions)


def test_is_the_last_contact_kept_and_others_refused(world, login_as, db):
    """Is removing the last active contact a 409, and may another Kommune's coordinator not
    manage the provider's contacts?"""
    url = f"/api/v1/providers/{world.provider_org.id}/contacts"
    me = world.users.provider
    assert login_as(me).delete(f"{url}/{me.id}").status_code == 409
    other = f.make_user("kommune_coordinator", kommune_id=world.other_kommune.id)
    db.session.commit()
    assert login_as(other).get(url).status_code == 403
    coordinator = login_as(world.users.kommune_coordinator)
    assert (
        coordinator.post(
            url, json={"first_name": "Ali", "last_name": "Demir", "email": "ali@b.example"}
        ).status_code
        == 201
    )
    assert login_as(world.users.pupil).get(url).status_code == 403
