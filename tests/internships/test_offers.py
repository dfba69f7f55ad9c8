"""Providers, offers and slots: registration, approval, validation, visibility, browsing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.internships import fit
from app.internships.models import Provider
from tests import factories as f
from tests.internships.helpers import make_offer, make_slot, school_day


def offer_body(**overrides):
    body = {
        "kind": "bfe",
        "title": "Ein Tag als Elektroniker:in",
        "berufsfelder": ["EL"],
        "description": "Schaltungen löten",
        "postcode": "44139",
        "city": "Dortmund",
        "status": "published",
    }
    return {**body, **overrides}


def slot_body(day, **overrides):
    return {
        "starts_on": day.isoformat(),
        "daily_start": "08:00",
        "daily_end": "14:00",
        "capacity": 4,
        **overrides,
    }


def test_company_registers_and_kommune_approves(world, login_as, db):
    """Does a company's own registration wait for the Kommune coordinator's approval?"""
    contact = f.make_user("provider", kommune_id=world.kommune.id)
    db.session.commit()
    client = login_as(contact)
    response = client.post(
        "/api/v1/providers",
        json={"name": "Stadtwerke", "postcode": "44135", "kommune_id": world.kommune.id},
    )
    assert response.status_code == 201, response.json
    provider_id = response.json["id"]
    assert response.json["approved"] is False
    pending = login_as(world.users.kommune_coordinator).get("/api/v1/providers?pending=true")
    assert provider_id in [p["id"] for p in pending.json]
    approved = login_as(world.users.kommune_coordinator).post(
        f"/api/v1/providers/{provider_id}/approve"
    )
    assert approved.status_code == 200 and approved.json["approved"] is True
    again = login_as(world.users.kommune_coordinator).post(
        f"/api/v1/providers/{provider_id}/approve"
    )
    assert again.status_code == 409


def test_other_kommune_cannot_approve(world, login_as, db):
    """Can a coordinator approve a provider of another Kommune?"""
    pending = f.make_provider(world.other_kommune, approved=False)
    db.session.commit()
    response = login_as(world.users.kommune_coordinator).post(
        f"/api/v1/providers/{pending.id}/approve"
    )
    assert response.status_code == 403
    assert db.session.get(Provider, pending.id).approved_at is None


def test_provider_publishes_offer_with_a_bfe_day(world, login_as):
    """Can a provider publish an offer and add a BFE day that pupils then see?"""
    client = login_as(world.users.provider)
    offer = client.post("/api/v1/offers", json=offer_body())
    assert offer.status_code == 201, offer.json
    slot = client.post(f"/api/v1/offers/{offer.json['id']}/slots", json=slot_body(school_day()))
    assert slot.status_code == 201, slot.json
    assert slot.json["free"] == 4
    listing = login_as(world.pupil).get("/api/v1/offers")
    assert [o["id"] for o in listing.json["items"]] == [offer.json["id"]]
    assert listing.json["items"][0]["distance_km"] is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"daily_end": "17:00"}, "daily_end"),
        ({"daily_end": "11:00"}, "daily_end"),
        ({"daily_end": "07:00"}, "daily_end"),
        ({"capacity": 0}, "capacity"),
        ({"weekdays": "1"}, "weekdays"),
    ],
)
def test_bfe_slot_rules(world, login_as, change, field):
    """Are BFE days of the wrong length, without capacity or with weekdays refused with a 422?"""
    client = login_as(world.users.provider)
    offer = client.post("/api/v1/offers", json=offer_body()).json
    response = client.post(
        f"/api/v1/offers/{offer['id']}/slots", json=slot_body(school_day(), **change)
    )
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_bfe_day_must_be_a_school_day(world, login_as):
    """Are weekends, public holidays, school holidays and past days refused for a BFE day?"""
    client = login_as(world.users.provider)
    offer = client.post("/api/v1/offers", json=offer_body()).json
    day = school_day()
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    year = day.year + 1
    for bad in (saturday, f"{year}-12-25", f"{year}-08-01", "2020-03-02"):
        response = client.post(
            f"/api/v1/offers/{offer['id']}/slots",
            json=slot_body(saturday if bad is saturday else _d(bad)),
        )
        assert response.status_code == 422, bad
        assert "starts_on" in response.json["errors"]


def _d(text):
    from datetime import date

    return date.fromisoformat(text)


def test_praktikum_period_two_to_three_weeks(world, login_as):
    """Is a Betriebspraktikum of 2–3 weeks accepted and one of 4 weeks refused?"""
    client = login_as(world.users.provider)
    offer = client.post("/api/v1/offers", json=offer_body(kind="praktikum")).json
    start = school_day(30)
    while start.weekday() != 0 or _holiday_within(start, 21):
        start += timedelta(days=1)
    good = client.post(
        f"/api/v1/offers/{offer['id']}/slots",
        json=slot_body(start, ends_on=(start + timedelta(days=11)).isoformat(), daily_end="15:00"),
    )
    assert good.status_code == 201, good.json
    bad = client.post(
        f"/api/v1/offers/{offer['id']}/slots",
        json=slot_body(start, ends_on=(start + timedelta(days=25)).isoformat()),
    )
    assert bad.status_code == 422 and "ends_on" in bad.json["errors"]


def _holiday_within(start, days):
    from app.internships.schooldays import holiday_name

    return any(holiday_name(start + timedelta(days=i)) for i in range(days))


def test_unknown_fields_and_berufsfelder_are_refused(world, login_as):
    """Are unknown body fields and Berufsfelder outside the 16 refused with a 422?"""
    client = login_as(world.users.provider)
    assert client.post("/api/v1/offers", json=offer_body(colour="red")).status_code == 422
    response = client.post("/api/v1/offers", json=offer_body(berufsfelder=["XYZ"]))
    assert response.status_code == 422 and "berufsfelder.0" in response.json["errors"]


def test_drafts_and_unapproved_providers_stay_invisible(world, login_as, db):
    """Do pupils see only published offers of approved providers of their own Kommune?"""
    draft = make_offer(world.provider_org, status="draft")
    pending_provider = f.make_provider(world.kommune, approved=False)
    unapproved = make_offer(pending_provider)
    elsewhere = make_offer(world.other_provider_org)
    live = make_offer(world.provider_org)
    for offer in (draft, unapproved, elsewhere, live):
        make_slot(offer)
    db.session.commit()
    pupil = login_as(world.pupil)
    assert [o["id"] for o in pupil.get("/api/v1/offers").json["items"]] == [live.id]
    assert pupil.get(f"/api/v1/offers/{draft.id}").status_code == 404
    assert pupil.get(f"/api/v1/offers/{unapproved.id}").status_code == 404
    assert pupil.get(f"/api/v1/offers/{elsewhere.id}").status_code == 403
    own = login_as(world.users.provider).get("/api/v1/offers").json["items"]
    assert {o["id"] for o in own} == {draft.id, live.id}


def test_filters_kind_field_dates_free_and_distance(world, login_as, db):
    """Do the Berufsfeld, kind, date, free-place and distance filters narrow the list?"""
    near = make_offer(world.provider_org, fields=("ITC",), postcode="44137")
    far = make_offer(world.provider_org, fields=("G",), postcode="33602")  # Bielefeld
    course = make_offer(world.provider_org, kind="praxiskurs", fields=("ITC",))
    early, late = school_day(10), school_day(40)
    make_slot(near, early)
    make_slot(far, late)
    make_slot(course, late, capacity=2, booked=2)
    db.session.commit()
    client = login_as(world.pupil)

    def ids(query):
        response = client.get("/api/v1/offers" + query)
        assert response.status_code == 200, response.json
        return {o["id"] for o in response.json["items"]}

    assert ids("?berufsfeld=G") == {far.id}
    assert ids("?kind=praxiskurs") == {course.id}
    assert ids(f"?date_to={early.isoformat()}") == {near.id}
    assert ids("?free_only=true") == {near.id, far.id}
    assert ids("?max_distance_km=20") == {near.id, course.id}
    assert client.get("/api/v1/offers?max_distance_km=0").status_code == 422


def test_offers_sorted_by_fit_with_interest_profile(world, login_as, db, monkeypatch):
    """With an interest profile, does the best-fitting offer come first, with its reasons?"""
    early = make_offer(world.provider_org, fields=("BAV",))
    fitting = make_offer(world.provider_org, fields=("SP", "G"))
    make_slot(early, school_day(10))
    make_slot(fitting, school_day(30))
    db.session.commit()
    monkeypatch.setattr(fit, "berufsfeld_scores", lambda _pid: {"SP": 0.9, "G": 0.6, "BAV": 0.1})
    body = login_as(world.pupil).get("/api/v1/offers").json
    assert body["sorted_by"] == "fit"
    assert [o["id"] for o in body["items"]] == [fitting.id, early.id]
    assert body["items"][0]["fit"]["reasons"] == ["SP", "G"]


def test_offers_sorted_by_date_without_profile(world, login_as, db):
    """Without an interest profile, are offers sorted by their next date?"""
    later = make_offer(world.provider_org)
    sooner = make_offer(world.provider_org)
    make_slot(later, school_day(10, skip=15))  # distinct days even across the holidays
    make_slot(sooner, school_day(10))
    db.session.commit()
    body = login_as(world.pupil).get("/api/v1/offers").json
    assert body["sorted_by"] == "date"
    assert [o["id"] for o in body["items"]] == [sooner.id, later.id]


def test_offer_list_runs_constant_queries(world, login_as, db, app):
    """Does browsing 3 or 30 offers take the same number of SQL statements?"""
    from sqlalchemy import event

    from app.extensions import db as ext_db

    client = login_as(world.pupil)

    def count_for(n):
        for _ in range(n):
            make_slot(make_offer(world.provider_org))
        db.session.commit()
        statements = []

        def listener(*_args):
            statements.append(1)

        event.listen(ext_db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/api/v1/offers?per_page=100").status_code == 200
        finally:
            event.remove(ext_db.engine, "before_cursor_execute", listener)
        return len(statements)

    assert count_for(3) == count_for(27)


def test_can_a_provider_reorder_and_keep_the_berufsfelder_of_an_offer(world, login_as):
    """Can a PATCH name an offer's Berufsfelder again (reordered, one added, one dropped)
    without a duplicate-key failure (the PostgreSQL fuzz run found a 500 here)?"""
    client = login_as(world.users.provider)
    offer = client.post("/api/v1/offers", json=offer_body(berufsfelder=["EL", "LANAUM"]))
    url = f"/api/v1/offers/{offer.json['id']}"
    same = client.patch(url, json={"berufsfelder": ["EL", "LANAUM"]})
    assert same.status_code == 200, same.json
    changed = client.patch(url, json={"berufsfelder": ["LANAUM", "ITC", "EL"]})
    assert changed.status_code == 200, changed.json
    assert changed.json["berufsfelder"] == ["LANAUM", "ITC", "EL"]
    dropped = client.patch(url, json={"berufsfelder": ["ITC"]})
    assert dropped.json["berufsfelder"] == ["ITC"]


def test_do_offer_pages_split_the_sorted_list_without_overlap(world, login_as, db):
    """Does a pupil paging through 7 offers, 3 per page, see each once, in date order?"""
    offers = [make_offer(world.provider_org) for _ in range(7)]
    for n, offer in enumerate(reversed(offers)):
        make_slot(offer, school_day(5, skip=n))  # distinct days, also across holidays
    db.session.commit()
    client = login_as(world.pupil)
    pages = [client.get(f"/api/v1/offers?per_page=3&page={p}").json for p in (1, 2, 3)]
    assert [page["total"] for page in pages] == [7, 7, 7]
    assert [len(page["items"]) for page in pages] == [3, 3, 1]
    seen = [o["id"] for page in pages for o in page["items"]]
    assert seen == [o.id for o in reversed(offers)]
    too_far = client.get("/api/v1/offers?per_page=3&page=4").json
    assert too_far["items"] == [] and too_far["total"] == 7
    assert client.get("/api/v1/offers?per_page=201").status_code == 422
