"""The year-end KAoA export in the SVWS shape, the SchILD CSV, and the push to an SVWS-Server.

The push runs against tests/exchange/svws_server.py: a stand-in SVWS-Server implementing the
KAoA endpoints of its REST API over real HTTP, which checks every body against the DTO's shape
and the SVWS catalogue rules independently of the app's own code.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.anschluss.models import Anschluss
from app.portfolio.models import PortfolioStep
from tests import factories as f
from tests.exchange.svws_server import Catalogues, SvwsServer, shape_error
from tests.support import counted_statements


@pytest.fixture
def kaoa_world(world, reference, db):
    """10a leaver (SchILD id 4711) with a counselling talk done and an Anschluss DUAL; an 8a
    pupil (SchILD id 4712) with a Berufsfelderkundung in IT."""
    year_id = world.klasse.school_year_id
    world.pupil.external_id = "4711"
    db.session.add_all(
        [
            PortfolioStep(
                pupil_id=world.pupil.id, jahrgang="10", sbo_kuerzel="SBO 2.1", status="done"
            ),
            Anschluss(
                pupil_id=world.pupil.id,
                school_year_id=year_id,
                status="zugesagt",
                option_code="DUAL",
                expected_certificate="SBO_10_7_7",
            ),
        ]
    )
    eight = f.make_class(world.school, "8a", "8")
    world.eighth = f.make_pupil(eight, external_id="4712", first_name="Noah", last_name="Krüger")
    db.session.add(
        PortfolioStep(
            pupil_id=world.eighth.id,
            jahrgang="8",
            sbo_kuerzel="SBO 5.1",
            sequence=1,
            status="done",
            berufsfeld="ITC",
        )
    )
    db.session.commit()
    return world


def _export(client, school_id: int) -> dict:
    response = client.get(f"/api/v1/schools/{school_id}/kaoa-export.json")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_export_validates_against_the_svws_shapes_and_catalogue_ids(kaoa_world, login_as, db):
    """Does every record have the DTO's shape and meet the SVWS catalogue rules — counselling
    done, Berufsfelderkundung with its Berufsfeld, the Anschluss with certificate and option?"""
    w = kaoa_world
    document = _export(login_as(w.users.stubo), w.school.id)
    catalogues = Catalogues()
    records = [r for pupil in document["pupils"] for r in pupil["kaoa"]]
    assert records
    for record in records:
        assert shape_error(record) is None
        assert catalogues.refuse({**record}) is None, record
    leaver = next(p for p in document["pupils"] if p["external_id"] == "4711")
    by_zusatz = {catalogues.zusatz[r["zusatzmerkmal"]]["bezeichner"]: r for r in leaver["kaoa"]}
    assert "SBO_2_1_1" in by_zusatz  # counselling talk done
    assert "SBO_6_1_5" in by_zusatz  # no Betriebspraktikum: "nicht teilgenommen"
    anschluss = by_zusatz["SBO_10_7_7"]
    assert catalogues.option[anschluss["anschlussoption"]]["kuerzel"] == "DUAL"
    assert (anschluss["jahrgang"], leaver["halbjahr"]) == ("10", 2)
    eighth = next(p for p in document["pupils"] if p["external_id"] == "4712")
    (bfe,) = [
        r
        for r in eighth["kaoa"]
        if catalogues.zusatz[r["zusatzmerkmal"]]["bezeichner"] == "SBO_5_1_1"
    ]
    assert catalogues.berufsfeld[bfe["berufsfeld"]]["kuerzel"] == "ITC"
    assert bfe["jahrgang"] == "08"


def test_csv_for_schild_names_the_catalogue_entries(kaoa_world, login_as, db):
    """Does the SchILD CSV carry one line per record with the catalogue's Kürzel?"""
    w = kaoa_world
    response = login_as(w.users.stubo).get(f"/api/v1/schools/{w.school.id}/kaoa-export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Interne ID-Nummer;Nachname;Vorname;Geburtsdatum;Schuljahr")
    assert any(
        line.startswith("4712;Krüger;Noah;") and ";SBO 5;SBO 5.1;SBO 5.1.1;;ITC;;" in line
        for line in lines
    )
    assert any(";SBO 10.7.7;DUAL;;;" in line for line in lines)


def test_export_statements_do_not_grow_with_the_school(kaoa_world, login_as, db):
    """Does the export run as many statements for 5 pupils as for 60?"""
    w = kaoa_world
    client = login_as(w.users.stubo)

    def count() -> int:
        with counted_statements(db.engine) as statements:
            _export(client, w.school.id)
        return len(statements)

    small = count()
    for n in range(55):
        f.make_pupil(w.klasse, external_id=f"9{n:03d}")
    db.session.commit()
    assert count() == small


def _connect(client, school_id: int, svws: SvwsServer, **extra):
    body = {
        "base_url": svws.url,
        "schema": svws.state.schema,
        "username": "kaoa",
        "password": "geheim-123",
        **extra,
    }
    return client.put(f"/api/v1/schools/{school_id}/svws-connection", json=body)


def test_push_creates_then_changes_nothing_then_patches(kaoa_world, login_as, db):
    """Does a push create the records, a second one leave them, and a changed Anschluss patch
    the one record on the SVWS-Server?"""
    w = kaoa_world
    stubo = login_as(w.users.stubo)
    schuljahr = db.session.get(type(w.klasse.school_year), w.klasse.school_year_id).starts_on.year
    with SvwsServer() as svws:
        svws.state.add_pupil(4711, schuljahr, "10")
        svws.state.add_pupil(4712, schuljahr, "08")
        assert _connect(stubo, w.school.id, svws).status_code == 200
        path = f"/api/v1/schools/{w.school.id}/kaoa-export/push"
        first = stubo.post(path).get_json()
        assert first["failed"] == [] and first["created"] > 2, first
        stored = sum(len(records) for records in svws.state.kaoa.values())
        assert stored == first["created"]
        second = stubo.post(path).get_json()
        assert (second["created"], second["updated"]) == (0, 0)
        assert second["unchanged"] == first["created"]
        record = db.session.scalar(db.select(Anschluss).where(Anschluss.pupil_id == w.pupil.id))
        record.option_code = "BFSII"
        db.session.commit()
        third = stubo.post(path).get_json()
        assert (third["created"], third["updated"]) == (0, 1)
        assert any(method == "PATCH" for method, _path in svws.state.requests)


def test_credentials_are_encrypted_at_rest_and_never_sent_back(kaoa_world, login_as, db):
    """Is the SVWS password absent from the database in clear text and from every answer?"""
    w = kaoa_world
    stubo = login_as(w.users.stubo)
    with SvwsServer() as svws:
        saved = _connect(stubo, w.school.id, svws)
    assert saved.status_code == 200 and "password" not in saved.get_json()
    (stored,) = db.session.execute(text("SELECT password_encrypted FROM svws_connections")).one()
    assert b"geheim-123" not in bytes(stored)
    shown = stubo.get(f"/api/v1/schools/{w.school.id}/svws-connection").get_json()
    assert shown["configured"] and "password" not in shown


def test_only_https_outside_development(kaoa_world, login_as, db, app):
    """With http not allowed (production), is an http address refused, naming base_url?"""
    w = kaoa_world
    app.config["SVWS_ALLOW_HTTP"] = False
    try:
        with SvwsServer() as svws:
            response = _connect(login_as(w.users.stubo), w.school.id, svws)
    finally:
        app.config["SVWS_ALLOW_HTTP"] = True
    assert response.status_code == 422 and "base_url" in response.get_json()["errors"]
