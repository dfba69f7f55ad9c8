"""The StuBO's leaver list, summary and exports; the teacher's class overview."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from app.core import clock
from tests import factories as f
from tests.anschluss.anschluss_helpers import audit_events, put_anschluss
from tests.anschluss.cohort_helpers import add_leavers


def leavers_url(world, **query):
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/schools/{world.school.id}/leavers?{params}"


def test_noch_kein_anschluss_list_with_reasons(anschluss_world, login_as, db):
    """Does the unsecured list leave out secured leavers and explain each risk reason?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    put_anschluss(
        teacher,
        w.pupil.id,
        status="zugesagt",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
    )
    # "no application" counts once the Kommune's application period has opened (here on the
    # first of this month, whatever day the suite runs on).
    w.kommune.application_opens_month, w.kommune.application_opens_day = clock.today().month, 1
    db.session.commit()
    stubo = login_as(w.users.stubo)
    body = stubo.get(leavers_url(w, unsecured="true")).get_json()
    ids = {row["pupil_id"] for row in body["items"]}
    assert w.pupil.id not in ids and {w.classmate.id, w.pupil_b.id} <= ids
    row = next(r for r in body["items"] if r["pupil_id"] == w.classmate.id)
    assert row["status"] == "offen"
    assert set(row["risk_reasons"]) >= {"no_counselling", "no_application"}
    assert row["traffic_light"] == "red"
    everyone = stubo.get(leavers_url(w)).get_json()
    assert everyone["total"] == 3
    secured = next(r for r in everyone["items"] if r["pupil_id"] == w.pupil.id)
    assert secured["risk_reasons"] == [] and secured["traffic_light"] == "green"
    event = audit_events(db, "leavers")[-1]
    assert event.purpose == "placement_followup"


def test_filters_sort_and_pages(anschluss_world, login_as, db):
    """Do class, status and certificate filters, risk sorting and paging work together?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 14)
    db.session.commit()
    stubo = login_as(w.users.stubo)
    by_class = stubo.get(leavers_url(w, class_id=w.klasse_b.id)).get_json()
    assert [r["pupil_id"] for r in by_class["items"]] == [w.pupil_b.id]
    nokean = stubo.get(leavers_url(w, status="nokean")).get_json()
    assert nokean["total"] == 2 and {r["status"] for r in nokean["items"]} == {"nokean"}
    two = stubo.get(leavers_url(w, status="nokean") + "&status=unbe").get_json()
    assert two["total"] == 4
    by_cert = stubo.get(leavers_url(w, certificate="SBO_10_7_7")).get_json()
    assert by_cert["total"] == 12  # the 14 generated minus two 'offen' without a record
    risky = stubo.get(leavers_url(w, sort="risk", per_page=5)).get_json()
    counts = [len(r["risk_reasons"]) for r in risky["items"]]
    assert counts == sorted(counts, reverse=True) and risky["total"] == 17
    page4 = stubo.get(leavers_url(w, sort="name", per_page=5, page=4)).get_json()
    assert len(page4["items"]) == 2
    overdue = stubo.get(leavers_url(w, risk_reason="overdue_next_step")).get_json()
    assert all("overdue_next_step" in r["risk_reasons"] for r in overdue["items"])
    assert stubo.get(leavers_url(w, sort="score")).status_code == 422


def test_only_stubo_and_admin_see_the_school_list(anschluss_world, login_as):
    """Are teachers, other schools' StuBOs and Kommune coordinators kept out of the list?"""
    w = anschluss_world
    assert login_as(w.users.teacher).get(leavers_url(w)).status_code == 403
    assert login_as(w.users.kommune_coordinator).get(leavers_url(w)).status_code == 403
    assert login_as(w.users.pupil).get(leavers_url(w)).status_code == 403
    other = f.make_user("stubo", school_id=w.other_school.id)
    assert login_as(other).get(leavers_url(w)).status_code == 403
    assert login_as(w.users.admin).get(leavers_url(w)).status_code == 200


def test_summary_counts_by_status_option_and_class(anschluss_world, login_as, db):
    """Does the summary count leavers by status, option and class with the share secured?"""
    w = anschluss_world
    add_leavers(db, w.klasse, 7)
    db.session.commit()
    body = login_as(w.users.stubo).get(f"/api/v1/schools/{w.school.id}/leavers/summary").get_json()
    assert body["leavers"] == 10
    assert body["by_status"]["offen"] == 4 and body["by_status"]["zugesagt"] == 1
    assert body["secured"] == 2 and body["secured_share"] == 0.2
    assert {o["option_code"]: o["count"] for o in body["by_option"]}["DUAL"] == 2
    assert {c["class_name"]: c["leavers"] for c in body["by_class"]} == {"10a": 9, "10b": 1}
    assert body["pupils_with_overdue_steps"] == 3
    assert body["trend"][-1]["leavers"] == 10


def test_exports_contain_only_needed_fields_and_are_audited(anschluss_world, login_as, db):
    """Do CSV and XLSX carry the follow-up fields only (no birth date), and is each audited?"""
    w = anschluss_world
    stubo = login_as(w.users.stubo)
    response = stubo.get(f"/api/v1/schools/{w.school.id}/leavers/export.csv?unsecured=true")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Klasse", "Nachname", "Vorname"]
    assert {"Becker", "Yılmaz", "Schulz"} == {r[1] for r in rows[1:]}
    assert "2010-05-17" not in response.data.decode("utf-8-sig")
    event = audit_events(db, "leavers.csv")
    assert len(event) == 3 and event[0].action == "export"

    xlsx = stubo.get(f"/api/v1/schools/{w.school.id}/leavers/export.xlsx?class_id={w.klasse.id}")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = list(sheet.values)
    assert values[0][0] == "Klasse" and len(values) == 3
    assert len(audit_events(db, "leavers.xlsx")) == 2
    assert (
        login_as(w.users.teacher)
        .get(f"/api/v1/schools/{w.school.id}/leavers/export.csv")
        .status_code
        == 403
    )


def test_export_defuses_spreadsheet_formulas(anschluss_world, login_as, db):
    """Is a name starting with '=' exported as text, not as a formula?"""
    w = anschluss_world
    f.make_pupil(w.klasse, first_name="=HYPERLINK(1)", last_name="Evil")
    db.session.commit()
    data = (
        login_as(w.users.stubo)
        .get(f"/api/v1/schools/{w.school.id}/leavers/export.csv")
        .data.decode("utf-8-sig")
    )
    assert "'=HYPERLINK(1)" in data


def test_class_overview_for_the_teacher(anschluss_world, login_as, db):
    """Does the class teacher see one row per pupil with status, steps and traffic light?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    rows = teacher.get(f"/api/v1/classes/{w.klasse.id}/anschluss").get_json()
    assert [r["last_name"] for r in rows] == ["Becker", "Yılmaz"]
    assert all(r["traffic_light"] in ("red", "yellow", "green") for r in rows)
    assert audit_events(db, "class_anschluss")[-1].purpose == "career_guidance"
    assert login_as(w.teacher_b).get(f"/api/v1/classes/{w.klasse.id}/anschluss").status_code == 403


def test_portfolio_steps_feed_missing_steps_and_internship(anschluss_world, login_as, db):
    """Does a Praktikum marked done in the portfolio clear 'no internship' and the missing step?"""
    from app.portfolio.models import PortfolioStep

    w = anschluss_world
    db.session.add(
        PortfolioStep(pupil_id=w.pupil.id, jahrgang="9", sbo_kuerzel="SBO 6.1", status="done")
    )
    db.session.commit()
    rows = login_as(w.users.teacher).get(f"/api/v1/classes/{w.klasse.id}/anschluss").get_json()
    mine = next(r for r in rows if r["pupil_id"] == w.pupil.id)
    other = next(r for r in rows if r["pupil_id"] == w.classmate.id)
    assert mine["internship_done"] is True and "no_internship" not in mine["risk_reasons"]
    assert "SBO 6.1" not in mine["missing_steps"] and "SBO 6.1" in other["missing_steps"]
    assert "no_internship" in other["risk_reasons"]


def test_exports_name_what_the_codes_mean_in_the_readers_language(anschluss_world, login_as, db):
    """Do the CSV and XLSX show status, option, certificate and reasons by name (German or
    English as asked), with the codes only in their own columns at the end?"""
    from app.dashboards.cohort import RISK_REASONS

    w = anschluss_world
    add_leavers(db, w.klasse, 7)
    db.session.commit()
    stubo = login_as(w.users.stubo)
    url = f"/api/v1/schools/{w.school.id}/leavers/export.csv"
    german = list(csv.reader(io.StringIO(stubo.get(url).data.decode("utf-8-sig")), delimiter=";"))
    header = german[0]
    assert header[-2:] == ["Anschlussoption (Kürzel)", "Abschluss (Schlüssel)"]
    named = [row[: len(header) - 2] for row in german[1:]]
    text = "\n".join(";".join(row) for row in named)
    assert "noch kein Anschluss" in text and "nokean" not in text and "NOKEAN" not in text
    assert "SBO_10_7" not in text
    assert {row[-2] for row in german[1:]} >= {"NOKEAN", "DUAL"}
    assert {row[-1] for row in german[1:]} == {"SBO_10_7_7", ""}
    english = stubo.get(url, headers={"Accept-Language": "en"}).data.decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Class;Last name;First name")
    assert "no Anschluss yet" in english
    xlsx = stubo.get(url.replace(".csv", ".xlsx"), headers={"Accept-Language": "en"})
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.title == "Leavers" and next(sheet.values)[0] == "Class"
    from app.core import i18n

    for language in ("de", "en"):
        for reason in RISK_REASONS:
            assert i18n.text("labels", f"risk-reason-{reason}", language)
