"""Importing a class roster from a SchILD-NRW CSV export: preview, commit, idempotency, access."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import event, func, select

from app.auth.models import User
from app.core.audit import AuditEvent
from app.schools.models import ClassMembership

HEADER = "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer;Geschlecht"
ROWS = [
    "Müller;Jörg;10a;01.02.2010;9001;3",
    "Groß;Ästrid;10a;31.12.2010;9002;w",
    "Weiß-Öztürk;Ülkü;10a;15.07.2011;9003;d",
]


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def _upload(client, klasse, text: str | bytes, mode: str | None = None, encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    form = {"file": (io.BytesIO(data), "schueler.csv")}
    if mode:
        form["mode"] = mode
    return client.post(
        f"/api/v1/classes/{klasse.id}/roster-imports", data=form, content_type="multipart/form-data"
    )


def _pupil_count(db, world) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.school_id == world.school.id, User.role == "pupil")
    )


@pytest.fixture
def teacher(login_as, world):
    return login_as(world.users.teacher)


def test_does_a_preview_of_a_utf8_file_list_new_pupils_and_write_nothing(db, world, teacher):
    """Does the preview read umlauts from UTF-8 (with BOM) and leave the database untouched?"""
    before = _pupil_count(db, world)
    response = _upload(teacher, world.klasse, _csv(*ROWS), encoding="utf-8-sig")
    assert response.status_code == 200, response.json
    report = response.json
    assert (report["mode"], report["committed"]) == ("preview", False)
    assert [(r["row"], r["last_name"], r["first_name"]) for r in report["created"]] == [
        (2, "Müller", "Jörg"),
        (3, "Groß", "Ästrid"),
        (4, "Weiß-Öztürk", "Ülkü"),
    ]
    assert report["rejected"] == [] and report["updated"] == [] and report["unchanged"] == 0
    assert _pupil_count(db, world) == before


def test_does_a_commit_of_a_windows_1252_file_create_the_pupils_in_the_class(db, world, teacher):
    """Are pupils from a Windows-1252 export created with correct umlauts, in the class?"""
    response = _upload(teacher, world.klasse, _csv(*ROWS), mode="commit", encoding="cp1252")
    assert response.status_code == 200, response.json
    assert response.json["committed"] is True and len(response.json["created"]) == 3
    pupil = db.session.scalar(select(User).where(User.external_id == "9002"))
    assert (pupil.last_name, pupil.first_name, pupil.birth_date) == (
        "Groß",
        "Ästrid",
        date(2010, 12, 31),
    )
    assert (pupil.role, pupil.school_id, pupil.sex, pupil.username) == (
        "pupil",
        world.school.id,
        "w",
        None,
    )
    membership = db.session.scalar(
        select(ClassMembership).where(ClassMembership.pupil_id == pupil.id)
    )
    assert (membership.class_id, membership.school_year_id) == (
        world.klasse.id,
        world.klasse.school_year_id,
    )
    assert db.session.scalar(select(User.sex).where(User.external_id == "9001")) == "m"
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert {e.pupil_id for e in audited} >= {pupil.id}
    assert {e.purpose for e in audited} == {"class_management"}


def test_is_a_second_commit_of_the_same_file_idempotent(db, world, teacher):
    """Does importing the same file again create and update nothing?"""
    assert _upload(teacher, world.klasse, _csv(*ROWS), mode="commit").status_code == 200
    count = _pupil_count(db, world)
    again = _upload(teacher, world.klasse, _csv(*ROWS), mode="commit").json
    assert (again["created"], again["updated"], again["unchanged"]) == ([], [], 3)
    assert _pupil_count(db, world) == count


def test_is_a_changed_birth_date_reported_and_stored_as_an_update(db, world, teacher):
    """Does a corrected birth date of an existing pupil show as an update and get saved?"""
    pupil = world.pupil
    header = "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer"
    row = f"{pupil.last_name};{pupil.first_name};10a;03.04.2010;{pupil.external_id}"
    preview = _upload(teacher, world.klasse, _csv(row, header=header)).json
    expected = {"row": 2, "external_id": pupil.external_id, "changes": ["birth_date"]}
    assert preview["updated"] == [expected]
    assert db.session.get(User, pupil.id).birth_date == date(2010, 5, 17)
    committed = _upload(teacher, world.klasse, _csv(row, header=header), mode="commit").json
    assert committed["committed"] is True
    assert db.session.get(User, pupil.id).birth_date == date(2010, 4, 3)


def test_does_one_invalid_row_stop_the_whole_commit(db, world, teacher):
    """Is nothing saved when one row is invalid, and does the report name row and reason?"""
    before = _pupil_count(db, world)
    bad = "Köhler;Jürgen;10a;31.02.2010;9004;m"
    response = _upload(teacher, world.klasse, _csv(*ROWS, bad), mode="commit")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    rejected = response.json["report"]["rejected"]
    assert rejected == [
        {
            "row": 5,
            "field": "Geburtsdatum",
            "reason_de": "Geburtsdatum „31.02.2010“ ist kein Datum im Format TT.MM.JJJJ.",
            "reason_en": "Geburtsdatum '31.02.2010' is not a date in the format DD.MM.YYYY.",
        }
    ]
    assert "rows.5.Geburtsdatum" in response.json["errors"]
    assert _pupil_count(db, world) == before
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


@pytest.mark.parametrize(
    ("row", "field", "fragment"),
    [
        (";Anna;10a;01.02.2010;9005;w", "Nachname", "Nachname fehlt"),
        ("Ahrens;;10a;01.02.2010;9005;w", "Vorname", "Vorname fehlt"),
        ("Ahrens;Anna;10a;;9005;w", "Geburtsdatum", "Geburtsdatum fehlt"),
        ("Ahrens;Anna;10a;01.02.1950;9005;w", "Geburtsdatum", "unplausibel"),
        ("Ahrens;Anna;10a;gestern;9005;w", "Geburtsdatum", "kein Datum"),
        ("Ahrens;Anna;9b;01.02.2010;9005;w", "Klasse", "passt nicht zur Klasse 10a"),
        ("Ahrens;Anna;10a;01.02.2010;;w", "Interne ID-Nummer", "fehlt"),
        ("Ahrens;Anna;10a;01.02.2010;9005;q", "Geschlecht", "unbekannt"),
    ],
)
def test_is_an_invalid_row_rejected_with_a_reason(world, teacher, row, field, fragment):
    """Does each kind of bad row get a German and an English reason naming the column?"""
    report = _upload(teacher, world.klasse, _csv(row)).json
    assert report["created"] == []
    assert [(r["row"], r["field"]) for r in report["rejected"]] == [(2, field)]
    assert fragment in report["rejected"][0]["reason_de"]
    assert report["rejected"][0]["reason_en"]


def test_is_a_duplicate_id_in_the_file_rejected(world, teacher):
    """Does a second row with the same id get rejected with the row of the first?"""
    report = _upload(teacher, world.klasse, _csv(ROWS[0], "Meier;Jan;10a;01.03.2010;9001;m")).json
    assert [r["row"] for r in report["created"]] == [2]
    assert report["rejected"][0]["row"] == 3
    assert "Zeile 2" in report["rejected"][0]["reason_de"]


def test_are_unknown_columns_tolerated(db, world, teacher):
    """Does a full SchILD export with many other columns import without complaint?"""
    header = (
        "Schul-Nummer;Interne ID-Nummer;Nachname;Vorname;Klasse;Jahrgang;Geburtsdatum;Geburtsort;"
        "Konfession (Klartext);Straße;PLZ;Ortsname;E-Mail (schulisch);Religionsabmeldung"
    )
    row = (
        "164240;777;Şahin;Elif;10 A;10;05.06.2010;Dortmund;islamisch;Kreuzstraße 5;44137;Dortmund;"
        "elif@schule.de;"
    )
    response = _upload(teacher, world.klasse, _csv(row, header=header), mode="commit")
    assert response.status_code == 200, response.json
    pupil = db.session.scalar(select(User).where(User.external_id == "777"))
    assert (pupil.last_name, pupil.street, pupil.postcode, pupil.city) == (
        "Şahin",
        "Kreuzstraße 5",
        "44137",
        "Dortmund",
    )
    assert pupil.email == "elif@schule.de"


def test_does_a_missing_required_column_name_the_column(world, teacher):
    """Is a file without Geburtsdatum refused with 422 naming that column?"""
    header = "Nachname;Vorname;Klasse;Interne ID-Nummer"
    response = _upload(teacher, world.klasse, _csv("Müller;Jörg;10a;9001", header=header))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "Geburtsdatum" in response.json["errors"]["file"][0]


def test_are_oversized_files_refused(world, teacher):
    """Is a file over 2 MB refused with 413 and one over 2000 rows with 422?"""
    big = _upload(teacher, world.klasse, b"x" * (2 * 1024 * 1024 + 1))
    assert big.status_code == 413
    rows = [f"Name{i};Vor{i};10a;01.02.2010;{i}" for i in range(2001)]
    many = _upload(
        teacher, world.klasse, _csv(*rows, header="Nachname;Vorname;Klasse;Geburtsdatum;ID")
    )
    assert many.status_code == 422
    assert "2000" in many.json["errors"]["file"][0]


def test_is_a_bad_mode_or_missing_file_refused(world, teacher):
    """Are an unknown mode and a request without file answered with 422 naming the field?"""
    response = _upload(teacher, world.klasse, _csv(*ROWS), mode="apply")
    assert response.status_code == 422 and "mode" in response.json["errors"]
    empty = teacher.post(
        f"/api/v1/classes/{world.klasse.id}/roster-imports",
        data={},
        content_type="multipart/form-data",
    )
    assert empty.status_code == 422 and "file" in empty.json["errors"]


def test_does_the_import_run_the_same_number_of_queries_for_5_and_50_pupils(db, world, teacher):
    """Is the number of SELECTs independent of the size of the file?"""

    def selects_for(count: int) -> int:
        rows = [f"Name{i};Vor{i};10a;01.02.2010;Q{count}-{i}" for i in range(count)]
        text = _csv(*rows, header="Nachname;Vorname;Klasse;Geburtsdatum;ID")
        assert _upload(teacher, world.klasse, text, mode="commit").status_code == 200
        statements = []

        def listen(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert _upload(teacher, world.klasse, text).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))

    assert selects_for(5) == selects_for(50)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("teacher", 200),
        ("stubo", 200),
        ("admin", 200),
        ("teacher_b", 403),
        ("pupil", 403),
        ("other_teacher", 403),
        ("kommune_coordinator", 403),
        ("provider", 403),
    ],
)
def test_who_may_import_into_a_class(login_as, world, who, expected):
    """May only the class teacher, the school's StuBO and admins import into 10a?"""
    user = getattr(world.users, who, None) or getattr(world, who)
    response = _upload(login_as(user), world.klasse, _csv(*ROWS))
    assert response.status_code == expected


def test_may_a_stubo_not_import_into_a_class_of_another_school(login_as, world):
    """Is the StuBO refused for a class of another school?"""
    response = _upload(login_as(world.users.stubo), world.other_class, _csv(*ROWS))
    assert response.status_code == 403
