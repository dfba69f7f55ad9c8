"""Does `flask vacancies import` bring the Kommune's Ausbildung offers from the jobsuche API,
refresh them and expire those no longer listed?

The answers are built from the example values of the API's published documentation
(data/jobsuche_documented_example.json), served by a stand-in over HTTP (jobsuche_server.py).
"""

from __future__ import annotations

from sqlalchemy import select

from app.vacancies.models import Vacancy
from tests.vacancies.jobsuche_server import JobsucheStandIn, documented_offer
from tests.vacancies.support import future


def _run(app, kommune_name: str, stand_in, key: str = "test-client-id"):
    saved = {k: app.config[k] for k in ("JOBSUCHE_API_KEY", "JOBSUCHE_BASE_URL")}
    app.config.update(JOBSUCHE_API_KEY=key, JOBSUCHE_BASE_URL=stand_in.url)
    try:
        return app.test_cli_runner().invoke(args=["vacancies", "import", "--kommune", kommune_name])
    finally:
        app.config.update(saved)


def _imported(db):
    db.session.expire_all()
    return {v.external_ref: v for v in db.session.scalars(select(Vacancy))}


def test_are_ausbildung_offers_imported_refreshed_and_expired(app, db, world, login_as):
    """Are offers stored with source and link, matched to the occupation, shown to pupils, and
    is an offer the next search no longer lists expired?"""
    with JobsucheStandIn() as stand_in:
        stand_in.offers = [
            documented_offer(eintrittsdatum=future(260).isoformat(), arbeitsort={"plz": 44137}),
            documented_offer(
                refnr="10000-0000000002-S",
                beruf="Beruf, den der Katalog nicht kennt",
                eintrittsdatum=future(200).isoformat(),
                arbeitsort={"plz": "44139", "ort": "Dortmund"},
            ),
        ]
        result = _run(app, "Dortmund", stand_in)
        assert result.exit_code == 0, result.output
        request = stand_in.requests[0]
        assert request["path"] == "/pc/v4/jobs" and request["key"] == "test-client-id"
        assert request["query"]["angebotsart"] == "4" and request["query"]["wo"] == "Dortmund"
        found = _imported(db)
        first = found["10000-1184867112-S"]
        assert first.source == "ba" and first.kommune_id == world.kommune.id
        assert first.employer_name.startswith("Gröger & Oltermann")
        assert first.external_url.endswith("/jobdetail/10000-1184867112-S")
        assert first.occupation_id == 2100 and first.berufsfeld == "EL"
        assert found["10000-0000000002-S"].occupation_id is None
        board = login_as(world.pupil).get("/api/v1/vacancies?source=ba").get_json()
        assert board["total"] == 2
        stand_in.offers = stand_in.offers[:1]
        again = _run(app, "Dortmund", stand_in)
        assert "'refreshed': 1" in again.output and "'expired': 1" in again.output
        found = _imported(db)
        assert found["10000-0000000002-S"].status == "expired"
        assert found["10000-1184867112-S"].status == "open"


def test_does_an_offer_that_began_long_ago_expire(app, db, world):
    """Is the documented example itself (start in 2021) stored but expired at once?"""
    with JobsucheStandIn() as stand_in:
        stand_in.offers = [documented_offer()]
        assert _run(app, "Dortmund", stand_in).exit_code == 0
    assert _imported(db)["10000-1184867112-S"].status == "expired"


def test_is_the_import_refused_without_an_api_key(app, db, world):
    """Does the job stop with a message when JOBSUCHE_API_KEY is not configured?"""
    with JobsucheStandIn() as stand_in:
        result = _run(app, "Dortmund", stand_in, key="")
        assert result.exit_code != 0 and "JOBSUCHE_API_KEY" in result.output
        assert stand_in.requests == []
