"""Reference data, the NRW school import and the demo region."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, func, select

from app.auth.models import User
from app.catalog.models import (
    AnschlussOption,
    Berufsfeld,
    LeavingCertificate,
    Occupation,
    SboElement,
)
from app.schools.models import ClassMembership, ClassTeacher, Kommune, School, SchoolClass
from seeds.demo import seed_demo_region
from seeds.loader import import_schools, load_reference


def _table_counts(db) -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@contextmanager
def _writes(db):
    """Collect every INSERT/UPDATE/DELETE the block sends to the database."""
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)


def _login(api, username: str):
    return api.post("/api/v1/auth/login", json={"username": username, "password": "anschluss-demo"})


# -- reference data --------------------------------------------------------------------


def test_does_the_reference_load_give_the_official_catalogues(db):
    """Are the 16 Berufsfelder, 13 leaving certificates and 37 Anschluss options loaded?"""
    counts = load_reference()
    db.session.commit()
    assert counts["berufsfelder"] == 16
    assert counts["leaving_certificates"] == 13
    assert counts["anschluss_options"] == 37
    assert counts["occupations"] > 0
    assert db.session.scalar(select(func.count()).select_from(Berufsfeld)) == 16
    assert db.session.scalar(select(func.count()).select_from(LeavingCertificate)) == 13
    assert db.session.scalar(select(func.count()).select_from(AnschlussOption)) == 37
    assert db.session.scalar(select(func.count()).select_from(Occupation)) == counts["occupations"]
    assert db.session.get(SboElement, "SBO 5.1").text == "Berufsfelderkundungen"


def test_are_anschluss_options_valid_only_for_their_certificates(db):
    """Is the Gymnasiale Oberstufe open only with FOR-Q, and studying only with FHR/AHR?"""
    load_reference()
    db.session.commit()
    assert db.session.get(AnschlussOption, "GY").valid_certificates == ["SBO_10_7_8"]
    assert db.session.get(AnschlussOption, "STUD").valid_certificates == [
        "SBO_10_7_12",
        "SBO_10_7_13",
    ]
    keys = set(db.session.scalars(select(LeavingCertificate.key)))
    for option in db.session.scalars(select(AnschlussOption)):
        assert set(option.valid_certificates) <= keys, option.kuerzel


def test_does_loading_the_reference_twice_change_nothing(db):
    """Is the reference loader idempotent (same counts, no writes on the second run)?"""
    first = load_reference()
    db.session.commit()
    before = _table_counts(db)
    with _writes(db) as writes:
        second = load_reference()
        db.session.commit()
    assert second == first
    assert _table_counts(db) == before
    assert writes == []


# -- NRW schools -----------------------------------------------------------------------


def test_can_the_schools_of_a_kommune_be_imported_from_the_nrw_list(db):
    """Does importing Dortmund create the Kommune and its real schools, and only once?"""
    count = import_schools("Dortmund")
    db.session.commit()
    kommune = db.session.scalar(select(Kommune).where(Kommune.name == "Dortmund"))
    assert count > 100
    assert kommune.regional_key == "913000"
    school = db.session.scalar(select(School).where(School.schulnummer == "164240"))
    assert (school.schulform, school.city, school.kommune_id) == ("GE", "Dortmund", kommune.id)
    assert school.name.startswith("Gesamtschule Scharnhorst")
    assert import_schools("Dortmund") == count
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(School)) == count


def test_can_a_kreis_be_imported_by_regional_key_from_the_command_line(app, db):
    """Does `flask seed schools --regional-key 158` import the towns of Kreis Mettmann?"""
    result = app.test_cli_runner().invoke(
        args=["seed", "schools", "--kommune", "Kreis Mettmann", "--regional-key", "158"]
    )
    assert result.exit_code == 0, result.output
    cities = set(db.session.scalars(select(School.city)))
    assert {"Haan", "Mettmann", "Ratingen"} <= cities
    unknown = app.test_cli_runner().invoke(args=["seed", "schools", "--kommune", "Atlantis"])
    assert unknown.exit_code != 0 and "no current schools" in unknown.output


# -- the demo region -------------------------------------------------------------------


def test_does_the_demo_region_have_its_schools_classes_and_people(db):
    """Are there three real schools, four classes and 120 pupils, schueler1 first in 10a?"""
    counts = seed_demo_region()
    db.session.commit()
    assert counts["pupils"] == 120 and counts["schools"] == 3 and counts["classes"] == 4
    schulformen = set(db.session.scalars(select(School.schulform)))
    assert schulformen == {"GE", "R", "BK"}
    pupils = db.session.scalars(select(User).where(User.role == "pupil")).all()
    assert len(pupils) == 120
    assert {p.sex for p in pupils} <= {"m", "w", "d"} and {"m", "w"} <= {p.sex for p in pupils}
    assert all(p.postcode.startswith("44") and p.city == "Dortmund" for p in pupils)
    assert len({(p.first_name, p.last_name) for p in pupils}) > 100


def test_do_demo_birth_dates_fit_the_jahrgang(db):
    """Are pupils in 10a about 15 and pupils in 8a about 13 when the school year starts?"""
    seed_demo_region(today=date(2026, 9, 1))
    db.session.commit()
    rows = db.session.execute(
        select(User.birth_date, SchoolClass.jahrgang)
        .join(ClassMembership, ClassMembership.pupil_id == User.id)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
    ).all()
    for born, jahrgang in rows:
        age_at_start = 2026 - born.year - ((born.month, born.day) > (8, 1))
        assert int(jahrgang) + 4 <= age_at_start <= int(jahrgang) + 6, (born, jahrgang)


def test_does_seeding_the_demo_twice_change_nothing(db):
    """Is the demo idempotent: same counts, no INSERT, UPDATE or DELETE on the second run?"""
    seed_demo_region()
    db.session.commit()
    before = _table_counts(db)
    with _writes(db) as writes:
        seed_demo_region()
        db.session.commit()
    assert _table_counts(db) == before
    assert writes == []


def test_is_the_demo_refused_outside_development(app, db, monkeypatch):
    """Can the demo accounts with their well-known password be created in production?"""
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    with pytest.raises(RuntimeError):
        seed_demo_region()
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", "admin"),
        ("lehrer", "teacher"),
        ("stubo", "stubo"),
        ("bk", "bk_coordinator"),
        ("kommune", "kommune_coordinator"),
        ("betrieb", "provider"),
        ("schueler1", "pupil"),
        ("schueler120", "pupil"),
    ],
)
def test_can_each_demo_account_log_in_with_the_demo_password(api, db, username, role):
    """Does every demo account log in through the API with `anschluss-demo`?"""
    seed_demo_region()
    db.session.commit()
    response = _login(api, username)
    assert response.status_code == 200, response.json
    assert response.json["role"] == role


def test_is_schueler1_in_10a_taught_by_lehrer(api, db):
    """Does `lehrer` see schueler1 in the pupil list of 10a, the class they teach?"""
    seed_demo_region()
    db.session.commit()
    klasse = db.session.scalar(select(SchoolClass).where(SchoolClass.name == "10a"))
    lehrer = db.session.scalar(select(User).where(User.username == "lehrer"))
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(ClassTeacher)
            .where(ClassTeacher.teacher_id == lehrer.id)
        )
        == 1
    )
    response = _login(api, "lehrer")
    assert response.json["class_ids"] == [klasse.id]
    api.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    pupils = api.get(f"/api/v1/classes/{klasse.id}/pupils").json
    schueler1 = db.session.scalar(select(User).where(User.username == "schueler1"))
    assert schueler1.id in {p["id"] for p in pupils}
    assert len(pupils) == 30


def test_do_the_demo_leavers_find_ausbildungsplaetze(api, db):
    """Does the demo region have Ausbildungsplätze (one imported), and does a leaver of 10a see
    them with reasons?"""
    from sqlalchemy import func, select

    from app.vacancies.models import Vacancy

    counts = seed_demo_region()
    db.session.commit()
    assert counts["vacancies"] == 5
    assert db.session.scalar(select(func.count()).where(Vacancy.source == "ba")) == 1
    assert _login(api, "schueler1").status_code == 200
    body = api.get("/api/v1/me/vacancy-matches").get_json()
    assert body["eligible"] is True and len(body["items"]) == 5
    assert all(item["why"] for item in body["items"])
