"""Kommune aggregates without personal data, and the weekly snapshots behind the trend."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import func, select

from app.core import clock
from app.dashboards import kommune as kommune_service
from app.dashboards.models import AnschlussSnapshot
from app.dashboards.snapshots import take_snapshot
from tests import factories as f
from tests.anschluss.cohort_helpers import add_leavers


def test_kommune_summary_masks_small_counts_and_names_nobody(anschluss_world, login_as, db):
    """Are counts below 5 masked, and does no pupil name or id leave the server?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 21)
    db.session.commit()
    response = login_as(w.users.kommune_coordinator).get(f"/api/v1/kommunen/{w.kommune.id}/summary")
    assert response.status_code == 200
    body = response.get_json()
    text = response.get_data(as_text=True)
    assert "Becker" not in text and "Leaver" not in text and "pupil_id" not in text
    assert body["leavers"] == "25"  # 24 in Gesamtschule Nord + 1 in Realschule Süd
    assert body["by_status"]["zugesagt"] == "masked"
    schools = {s["school_name"]: s for s in body["by_school"]}
    assert schools["Realschule Süd"]["leavers"] == "masked"
    assert schools["Realschule Süd"]["secured_share"] is None
    # 25 − 24 would reveal the Realschule's one leaver: its complement is masked, too
    assert schools["Gesamtschule Nord"]["leavers"] == "masked"


def test_one_masked_cell_masks_another():
    """Can a single masked cell be recovered by subtraction from the total? (No.)"""
    masked = kommune_service.mask_breakdown({"a": 40, "b": 3, "c": 12})
    assert masked == {"a": "40", "b": "masked", "c": "masked"}
    assert kommune_service.mask_breakdown({"a": 40, "b": 30}) == {"a": "40", "b": "30"}
    assert kommune_service.masked(0) == "masked"


def test_kommune_scope(anschluss_world, login_as):
    """May a coordinator read another Kommune, or a StuBO the Kommune aggregate? (No.)"""
    w = anschluss_world
    coordinator = login_as(w.users.kommune_coordinator)
    assert coordinator.get(f"/api/v1/kommunen/{w.other_kommune.id}/summary").status_code == 403
    assert coordinator.get("/api/v1/kommunen/99999/summary").status_code == 404
    url = f"/api/v1/kommunen/{w.kommune.id}/summary"
    assert login_as(w.users.stubo).get(url).status_code == 403
    assert login_as(w.users.admin).get(url).status_code == 200


def test_snapshot_is_idempotent_and_feeds_the_trend(
    school_monday, anschluss_world, login_as, db, app
):
    """Can the snapshot job run twice a week safely, and do past weeks appear in the trend?"""
    # On a Monday of a full school week, so last week lies in the same school year.
    w = anschluss_world
    add_leavers(db, w.klasse, 7)
    db.session.commit()
    last_week = clock.today() - timedelta(days=7)
    take_snapshot(last_week)
    first = db.session.scalar(select(func.count(AnschlussSnapshot.id)))
    take_snapshot(last_week)
    db.session.commit()
    assert db.session.scalar(select(func.count(AnschlussSnapshot.id))) == first > 0
    result = CliRunner().invoke(app.cli, ["anschluss", "snapshot"], obj=None)
    assert result.exit_code == 0, result.output
    f.make_pupil(w.klasse, first_name="Neu", last_name="Zugang")
    db.session.commit()
    trend = (
        login_as(w.users.stubo)
        .get(f"/api/v1/schools/{w.school.id}/leavers/summary")
        .get_json()["trend"]
    )
    assert [p["leavers"] for p in trend] == [10, 11]  # last week's snapshot, this week live
