"""Does the Kommune see Ausbildungsplätze against unplaced youths per Berufsfeld, masked?"""

from __future__ import annotations

from app.dashboards.suppression import MASK
from tests import factories as f
from tests.vacancies.support import ERZIEHER, TISCHLER, give_profile, make_vacancy, set_record


def _rows(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return {row["berufsfeld"]: row for row in response.get_json()["rows"]}


def test_are_places_and_unplaced_youths_compared_with_small_cells_masked(world, login_as, db):
    """Six unplaced leavers with an SP profile against 2 SP places: shown and "short"; the one
    leaver without a profile is masked (and so is the next-smallest cell)."""
    make_vacancy(world.provider_org, ERZIEHER, places=2)
    make_vacancy(world.provider_org, TISCHLER, places=3)
    make_vacancy(world.other_provider_org, TISCHLER, places=9)
    klasse = f.make_class(world.school, "10c", "10")
    for _ in range(6):
        pupil = f.make_pupil(klasse)
        give_profile(
            pupil, {"R": 10, "I": 20, "A": 50, "S": 90, "E": 40, "C": 20}, "SAE", {"SP": 90}
        )
    placed = f.make_pupil(klasse)
    give_profile(placed, {"R": 10, "I": 20, "A": 50, "S": 90, "E": 40, "C": 20}, "SAE", {"SP": 90})
    set_record(placed, status="zugesagt")
    db.session.commit()
    response = login_as(world.users.kommune_coordinator).get(
        f"/api/v1/kommunen/{world.kommune.id}/vacancy-supply"
    )
    rows = _rows(response)
    assert rows["SP"]["places"] == 2 and rows["SP"]["unplaced_youths"] == "6"
    assert rows["SP"]["short"] is True and rows["SP"]["name"]
    assert rows["PRFE"]["places"] == 3 and rows["PRFE"]["unplaced_youths"] == MASK
    assert rows["PRFE"]["short"] is None
    assert rows["none"]["unplaced_youths"] == MASK  # world's pupils without a profile
    body = response.get_json()
    assert body["total_places"] == 5 and body["total_vacancies"] == 2


def test_is_the_supply_only_for_the_kommunes_coordinator(world, login_as):
    """Can another Kommune's coordinator or a StuBO read it? (403)"""
    other = f.make_user("kommune_coordinator", kommune_id=world.other_kommune.id)
    for user in (other, world.users.stubo):
        response = login_as(user).get(f"/api/v1/kommunen/{world.kommune.id}/vacancy-supply")
        assert response.status_code == 403
