"""Identification rounds and lists, and the statutory transfer to the Agentur (B8)."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import select

from app.anschluss.models import Anschluss
from app.core import clock
from app.verantwortungskette.models import Handover
from tests import factories as f
from tests.chain.helpers import audit_rows
from tests.factories import current_school_year
from tests.support import count_of, rows_of

EXACT_HEADER = [
    "Name",
    "Vorname",
    "Geburtsdatum",
    "Geschlecht",
    "Anschrift",
    "Schulform",
    "Abschluss",
]


def _anschluss(pupil, status, option=None, certificate=None):
    from app.extensions import db

    db.session.add(
        Anschluss(
            pupil_id=pupil.id,
            school_year_id=current_school_year().id,
            status=status,
            option_code=option,
            expected_certificate=certificate,
        )
    )
    db.session.flush()


def _setup_population(world, db):
    """pupil: offen; classmate: zugesagt (secured); pupil_b: GY with FOR-Q planned (a forecast,
    so still listed); one more in 10a with NOKEAN; a Q2 pupil admitted to the Abitur exam."""
    _anschluss(world.classmate, "zugesagt", "DUAL", "SBO_10_7_7")
    _anschluss(world.pupil_b, "geplant", "GY", "SBO_10_7_8")
    nokean = f.make_pupil(
        world.klasse,
        first_name="Noah",
        last_name="Klein",
        sex="m",
        street="Ring 3",
        postcode="44137",
        city="Dortmund",
    )
    _anschluss(nokean, "nokean", "NOKEAN", "SBO_10_7_5")
    q2 = f.make_class(world.school, "Q2", "Q2")
    abiturient = f.make_pupil(q2, first_name="Ida", last_name="Abel")
    f.admit_to_exam(abiturient, "abitur")
    db.session.commit()
    return nokean, abiturient


def test_can_the_kommune_set_rounds_and_schools_read_them(world, login_as, db):
    """Does the Kommune coordinator set round I and II, schools of the Kommune see them?"""
    kommune = login_as(world.users.kommune_coordinator)
    year = current_school_year()
    spring = year.ends_on.year
    first = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde I", "starts_on": f"{spring}-03-01", "ends_on": f"{spring}-04-30"},
    )
    assert first.status_code == 201, first.get_json()
    kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde II", "starts_on": f"{spring}-05-01", "ends_on": f"{spring}-05-31"},
    )
    duplicate = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde I", "starts_on": f"{spring}-03-02", "ends_on": f"{spring}-04-30"},
    )
    assert duplicate.status_code == 409
    backwards = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde III", "starts_on": f"{spring}-05-01", "ends_on": f"{spring}-04-01"},
    )
    assert backwards.status_code == 422 and "ends_on" in backwards.get_json()["errors"]
    names = [
        r["name"]
        for r in login_as(world.users.stubo).get("/api/v1/identification-rounds").get_json()
    ]
    assert names == ["Runde II", "Runde I"]
    other = f.make_user("kommune_coordinator", kommune_id=world.other_kommune.id)
    db.session.commit()
    assert login_as(other).get("/api/v1/identification-rounds").get_json() == []
    patched = kommune.patch(
        f"/api/v1/identification-rounds/{first.get_json()['id']}",
        json={"ends_on": f"{spring}-04-15"},
    )
    assert patched.status_code == 200 and patched.get_json()["ends_on"] == f"{spring}-04-15"


def test_does_the_identification_list_exclude_secured_and_abitur(world, login_as, db, reference):
    """Are secured and Abitur-admitted leavers left out, and does a teacher see only the class?"""
    nokean, abiturient = _setup_population(world, db)
    listed = (
        login_as(world.users.stubo)
        .get(f"/api/v1/schools/{world.school.id}/identification")
        .get_json()
    )
    ids = {item["pupil_id"] for item in listed["items"]}
    assert ids == {world.pupil.id, nokean.id, world.pupil_b.id}
    own_class = (
        login_as(world.teacher_b)
        .get(f"/api/v1/schools/{world.school.id}/identification")
        .get_json()
    )
    assert [item["pupil_id"] for item in own_class["items"]] == [world.pupil_b.id]
    teacher = (
        login_as(world.users.teacher)
        .get(f"/api/v1/schools/{world.school.id}/identification")
        .get_json()
    )
    assert {item["pupil_id"] for item in teacher["items"]} == {world.pupil.id, nokean.id}
    assert audit_rows(db, "identification", "placement_followup")


def test_does_the_statutory_export_carry_exactly_the_legal_fields(world, login_as, db, reference):
    """Is the CSV header exactly the § 31a SGB III data set, Abitur-admitted excluded, logged?"""
    nokean, abiturient = _setup_population(world, db)
    stubo = login_as(world.users.stubo)
    preview = stubo.get(f"/api/v1/schools/{world.school.id}/statutory-transfer").get_json()
    assert preview["fields"] == [
        "name",
        "first_name",
        "birth_date",
        "sex",
        "address",
        "school_form",
        "certificate",
    ]
    assert {i["pupil_id"] for i in preview["items"]} == {
        world.pupil.id,
        nokean.id,
        world.pupil_b.id,
    }
    response = stubo.post(f"/api/v1/schools/{world.school.id}/statutory-transfer.csv", json={})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == EXACT_HEADER
    assert all(len(row) == 7 for row in rows)
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Becker", "Klein", "Schulz"}
    assert by_name["Klein"] == [
        "Klein",
        "Noah",
        nokean.birth_date.isoformat(),
        "männlich",
        "Ring 3, 44137 Dortmund",
        by_name["Klein"][5],
        by_name["Klein"][6],
    ]
    assert "Hauptschulabschluss" in by_name["Klein"][6]
    assert "Abel" not in response.data.decode("utf-8-sig")
    logged = rows_of(Handover, kind="statutory")
    assert {h.pupil_id for h in logged} == {world.pupil.id, nokean.id, world.pupil_b.id}
    assert all("31a SGB III" in h.legal_basis for h in logged)
    events = audit_rows(db, "statutory_transfer", "statutory_transfer")
    assert {(e.action, e.pupil_id) for e in events if e.action == "transfer"} == {
        ("transfer", world.pupil.id),
        ("transfer", nokean.id),
        ("transfer", world.pupil_b.id),
    }
    again = stubo.post(f"/api/v1/schools/{world.school.id}/statutory-transfer.csv", json={})
    assert again.status_code == 422


def test_is_a_pupil_outside_the_population_refused_for_the_statutory_export(
    world, login_as, db, reference
):
    """May the StuBO send a secured or Abitur-admitted pupil to the Agentur? (No.)"""
    _, abiturient = _setup_population(world, db)
    for pupil in (world.classmate, abiturient):
        response = login_as(world.users.stubo).post(
            f"/api/v1/schools/{world.school.id}/statutory-transfer.csv",
            json={"pupil_ids": [pupil.id]},
        )
        assert response.status_code == 422 and "pupil_ids" in response.get_json()["errors"]
    assert count_of(Handover) == 0


def test_does_the_pupil_see_the_statutory_transfer(world, login_as, db, reference):
    """Does the transfer to the Agentur appear in the pupil's disclosures with its fields?"""
    _setup_population(world, db)
    login_as(world.users.stubo).post(
        f"/api/v1/schools/{world.school.id}/statutory-transfer.csv",
        json={"pupil_ids": [world.pupil.id]},
    )
    transfers = login_as(world.pupil).get("/api/v1/me/disclosures").get_json()["transfers"]
    assert [(t["recipient"], t["kind"]) for t in transfers] == [
        ("agentur_fuer_arbeit", "statutory")
    ]
    assert transfers[0]["fields"] == [
        "name",
        "first_name",
        "birth_date",
        "sex",
        "address",
        "school_form",
        "certificate",
    ]
    assert date.fromisoformat(transfers[0]["date"][:10]) == clock.today()


def test_does_the_identification_list_run_a_constant_number_of_statements(world, login_as, db):
    """Does listing 3 or 13 leavers (with consents and handovers) cost the same statements?"""
    from sqlalchemy import event

    from app.extensions import db as _db
    from tests.chain.helpers import hand_over

    def count(client):
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(_db.engine, "before_cursor_execute", listener)
        try:
            path = f"/api/v1/schools/{world.school.id}/identification"
            assert client.get(path).status_code == 200
        finally:
            event.remove(_db.engine, "before_cursor_execute", listener)
        return len(statements)

    hand_over(world.users.stubo, world.pupil, "kommune")
    db.session.commit()
    client = login_as(world.users.stubo)
    small = count(client)
    for n in range(10):
        pupil = f.make_pupil(world.klasse, last_name=f"N{n}")
        hand_over(world.users.stubo, pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    assert count(client) == small


def test_does_the_statutory_transfer_name_the_achieved_certificate_and_mark_an_expected_one(
    world, login_as, db, reference
):
    """§ 31a (1) Nr. 7 SGB III: the achieved certificate once recorded, else the expected one
    marked "(erwartet)" — in the preview and in the file."""
    nokean, _ = _setup_population(world, db)
    record = db.session.scalar(select(Anschluss).where(Anschluss.pupil_id == nokean.id))
    record.achieved_certificate = "SBO_10_7_3"
    db.session.commit()
    stubo = login_as(world.users.stubo)
    preview = stubo.get(f"/api/v1/schools/{world.school.id}/statutory-transfer").get_json()
    by_id = {item["pupil_id"]: item for item in preview["items"]}
    assert by_id[nokean.id]["certificate_state"] == "achieved"
    assert "(erwartet)" not in by_id[nokean.id]["certificate"]
    assert by_id[world.pupil_b.id]["certificate_state"] == "expected"
    assert by_id[world.pupil_b.id]["certificate"].endswith(" (erwartet)")
    assert by_id[world.pupil.id]["certificate_state"] is None
    response = stubo.post(f"/api/v1/schools/{world.school.id}/statutory-transfer.csv", json={})
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Klein"][6] == by_id[nokean.id]["certificate"]
    assert by_name["Schulz"][6].endswith(" (erwartet)")
