"""The pupil's export: everything of theirs as JSON and as the PDF "Mein Berufswahlpass"."""

from __future__ import annotations

from tests.portfolio.portfolio_answers import submission


def _fill(client):
    profile = client.post("/api/v1/me/interest-profiles", json=submission()).json
    step = client.get("/api/v1/me/portfolio").json["steps"][0]
    client.put(
        f"/api/v1/me/portfolio/steps/{step['id']}",
        json={
            "status": "done",
            "date": "2026-03-03",
            "provider": "Schule",
            "berufsfeld": None,
            "reflection": "Ich weiß jetzt mehr über Ausbildungen.",
        },
    )
    client.post("/api/v1/me/shares", json={"item_type": "step", "item_id": step["id"]})
    return profile, step


def test_does_the_json_export_contain_everything_of_the_pupil(db, world, reference, login_as):
    """Are profile (with answers), matches, steps, reflections and share history in it?"""
    client = login_as(world.pupil)
    profile, step = _fill(client)
    response = client.get("/api/v1/me/export")
    assert response.status_code == 200
    data = response.json
    assert data["format"] == "anschluss-mein-weg/1"
    assert data["pupil"]["last_name"] == "Becker" and data["pupil"]["class_name"] == "10a"
    exported = data["interest_profiles"][0]
    assert exported["id"] == profile["id"] and len(exported["answers"]) == 60
    assert exported["occupations"] == profile["occupations"]
    assert any(s["reflection"].startswith("Ich weiß") for s in data["steps"])
    assert data["shares"][0]["item_id"] == step["id"]
    assert "O*NET" in data["attributions"]["occupations"]["en"]


def test_does_the_pdf_export_download_as_a_berufswahlpass(db, world, reference, login_as):
    """Is a PDF with a German file name delivered, also for names outside Latin-1?"""
    world.pupil.last_name = "Yılmaz"
    db.session.commit()
    client = login_as(world.pupil)
    _fill(client)
    response = client.get("/api/v1/me/export.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "mein-berufswahlpass.pdf" in response.headers["Content-Disposition"]
    english = client.get("/api/v1/me/export.pdf?lang=en")
    assert (
        english.status_code == 200 and "career-passport" in english.headers["Content-Disposition"]
    )
    assert client.get("/api/v1/me/export.pdf?lang=fr").status_code == 422


def test_does_an_empty_portfolio_export_cleanly(db, world, reference, login_as):
    """Does a pupil with nothing entered still get a JSON and a PDF?"""
    client = login_as(world.pupil)
    assert client.get("/api/v1/me/export").json["interest_profiles"] == []
    assert client.get("/api/v1/me/export.pdf").status_code == 200


def test_can_nobody_else_download_the_export(db, world, reference, login_as):
    """Is the export closed to the class teacher?"""
    teacher = login_as(world.users.teacher)
    assert teacher.get("/api/v1/me/export").status_code == 403
    assert teacher.get("/api/v1/me/export.pdf").status_code == 403
