"""The leaver list filters by risk reason, sorts and pages in the database: pages add up to the
whole list, in the same order, whatever the page size."""

from __future__ import annotations

import pytest

from app.portfolio.models import PortfolioStep
from tests.anschluss.cohort_helpers import add_leavers


def _all_pages(client, url: str, per_page: int) -> tuple[list[dict], int]:
    items, page = [], 1
    while True:
        body = client.get(f"{url}&per_page={per_page}&page={page}").get_json()
        items += body["items"]
        if page * per_page >= body["total"]:
            return items, body["total"]
        page += 1


@pytest.mark.parametrize("sort", ["risk", "name", "class"])
def test_do_small_pages_add_up_to_the_whole_list(anschluss_world, login_as, db, sort):
    """Does a StuBO paging through the list in pages of 4 see every leaver once, in the order
    of one large page?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 17)
    db.session.commit()
    client = login_as(w.users.stubo)
    url = f"/api/v1/schools/{w.school.id}/leavers?sort={sort}"
    whole = client.get(f"{url}&per_page=200").get_json()
    paged, total = _all_pages(client, url, 4)
    assert total == whole["total"] == len(whole["items"]) == 20
    assert [r["pupil_id"] for r in paged] == [r["pupil_id"] for r in whole["items"]]


def test_risk_sort_puts_most_reasons_first(anschluss_world, login_as, db):
    """Are the leavers with the most risk reasons on the first page, ties by class and name?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 14)
    db.session.commit()
    body = (
        login_as(w.users.stubo)
        .get(f"/api/v1/schools/{w.school.id}/leavers?sort=risk&per_page=200")
        .get_json()
    )
    keys = [
        (-len(r["risk_reasons"]), r["class_name"], r["last_name"], r["first_name"])
        for r in body["items"]
    ]
    assert keys == sorted(keys)


def test_risk_reason_filter_counts_in_the_database(anschluss_world, login_as, db):
    """Does filtering by "keine Beratung" count and list exactly the leavers with that reason,
    and does a counselling step done in "Mein Weg" take a leaver off it?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 14)
    db.session.commit()
    client = login_as(w.users.stubo)
    base = f"/api/v1/schools/{w.school.id}/leavers?per_page=200"
    before = client.get(f"{base}&risk_reason=no_counselling").get_json()["items"]
    assert w.classmate.id in {r["pupil_id"] for r in before}
    db.session.add(
        PortfolioStep(pupil_id=w.classmate.id, jahrgang="10", sbo_kuerzel="SBO 2.1", status="done")
    )
    db.session.commit()
    everyone = client.get(base).get_json()["items"]
    expected = {r["pupil_id"] for r in everyone if "no_counselling" in r["risk_reasons"]}
    filtered = client.get(f"{base}&risk_reason=no_counselling").get_json()
    assert {r["pupil_id"] for r in filtered["items"]} == expected
    assert filtered["total"] == len(expected) > 0
    assert w.classmate.id not in expected
