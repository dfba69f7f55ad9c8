"""One truth: bookings fill the KAoA steps for the teacher matrix, the export and the cohort."""

from __future__ import annotations

from app.portfolio import effective
from tests import factories as f
from tests.internships.helpers import school_day
from tests.portfolio.bookings_support import book
from tests.support import counted_statements as counted


def _progress(client, klasse):
    response = client.get(f"/api/v1/classes/{klasse.id}/progress")
    assert response.status_code == 200
    return response.json


def test_does_the_teacher_matrix_show_an_attended_day_as_done(
    school_monday, db, world, grade8, login_as
):
    """Does a pupil who never opened "Mein Weg" show an attended BFE day as done (erledigt)
    and a confirmed one as planned in the class teacher's matrix?"""
    pupil, provider = grade8
    klasse = f.make_class(world.school, "8d", "8")
    pupil = f.make_pupil(klasse, first_name="Ada", last_name="Yilmaz")
    teacher = f.make_teacher(klasse)
    book(db, pupil, provider, field="GESGE", status="attended", skip=0)
    book(db, pupil, provider, field="ITC", status="confirmed", skip=1)
    db.session.commit()
    body = _progress(login_as(teacher), klasse)
    keys = [s["key"] for s in body["steps"]]
    (row,) = body["pupils"]
    cells = dict(zip(keys, row["statuses"], strict=True))
    assert cells["SBO 5.1#1"] == "done" and cells["SBO 5.1#2"] == "planned"
    assert cells["SBO 5.1#3"] == "open" and cells["SBO 4.1#1"] == "open"
    total = next(t for t in body["totals"] if t["key"] == "SBO 5.1#1")
    assert (total["done"], total["open"]) == (1, 0)


def test_does_the_matrix_never_lower_what_the_pupil_set(school_monday, db, world, grade8, login_as):
    """Does a confirmed (not yet attended) booking leave a step the pupil marked done as done?"""
    pupil, provider = grade8
    klasse = f.make_class(world.school, "8e", "8")
    pupil = f.make_pupil(klasse)
    teacher = f.make_teacher(klasse)
    book(db, pupil, provider, status="confirmed")
    db.session.commit()
    client = login_as(pupil)
    step = next(
        s
        for s in client.get("/api/v1/me/portfolio").json["steps"]
        if s["sequence"] == 1 and s["sbo_kuerzel"] == "SBO 5.1"
    )
    body = {"status": "done", "date": None, "provider": "", "berufsfeld": None, "reflection": ""}
    assert client.put(f"/api/v1/me/portfolio/steps/{step['id']}", json=body).status_code == 200
    matrix = _progress(login_as(teacher), klasse)
    keys = [s["key"] for s in matrix["steps"]]
    assert dict(zip(keys, matrix["pupils"][0]["statuses"], strict=True))["SBO 5.1#1"] == "done"


def test_is_the_matrix_constant_in_statements_with_bookings(
    school_monday, app, db, world, grade8, login_as
):
    """Does the matrix run as many statements for 2 pupils with bookings as for 12?"""
    _, provider = grade8
    klasse = f.make_class(world.school, "8f", "8")
    teacher = f.make_teacher(klasse)

    def add_pupils(count):
        for i in range(count):
            pupil = f.make_pupil(klasse)
            book(db, pupil, provider, status="attended" if i % 2 else "confirmed", skip=i % 3)
        db.session.commit()

    client = login_as(teacher)
    add_pupils(2)
    with counted(db.engine) as small:
        _progress(client, klasse)
    add_pupils(10)
    with counted(db.engine) as large:
        _progress(client, klasse)
    assert len(large) == len(small)


def test_does_the_export_show_an_attended_day_as_done(school_monday, db, grade8, login_as):
    """Does the JSON export (and so the PDF) show the attended BFE day as done with its
    booking, even when the pupil never opened the portfolio?"""
    pupil, provider = grade8
    attended = book(db, pupil, provider, field="GESGE", status="attended")
    db.session.commit()
    response = login_as(pupil).get("/api/v1/me/export")
    assert response.status_code == 200
    bfe = [s for s in response.json["steps"] if s["sbo_kuerzel"] == "SBO 5.1"]
    assert bfe[0]["status"] == "done" and bfe[0]["booking"]["id"] == attended.id
    assert bfe[0]["berufsfeld"] == "GESGE" and bfe[0]["date"] == school_day().isoformat()
    pdf = login_as(pupil).get("/api/v1/me/export.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_does_a_late_bfe_day_count_for_a_grade_10_pupil(
    school_monday, db, world, reference, login_as
):
    """Does an attended BFE day of a grade 10 pupil (no BFE step in grade 10) still count as
    the Berufsfelderkundung done, in the shared service and in the pupil's earlier steps?"""
    provider = f.make_provider(world.kommune, name="Bäckerei Kemal")
    book(db, world.pupil, provider, field="GESGE", status="attended")
    db.session.commit()
    done = effective.done_elements([world.pupil.id])[world.pupil.id]
    assert "SBO 5.1" in done
    body = login_as(world.pupil).get("/api/v1/me/portfolio").json
    earlier = [s for s in body["earlier_steps"] if s["sbo_kuerzel"] == "SBO 5.1"]
    assert earlier and earlier[0]["status"] == "done" and earlier[0]["jahrgang"] == "8"
