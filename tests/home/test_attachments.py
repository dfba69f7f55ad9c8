"""Certificates and photos in "Mein Weg": type from the content, metadata stripped, 5 MB, who
may read them."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.core.audit import AuditEvent
from tests.home.attachment_files import PDF, jpeg_with_gps, png_with_text


def _step_id(client) -> int:
    return client.get("/api/v1/me/portfolio").get_json()["steps"][0]["id"]


def _upload(client, step_id, data: bytes, name: str):
    return client.post(
        f"/api/v1/me/portfolio/steps/{step_id}/attachments",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_are_photos_stored_without_their_metadata(db, world, reference, login_as):
    """Does a JPEG lose its EXIF (GPS, camera) and a PNG its text, and keep the picture?"""
    client = login_as(world.pupil)
    step = _step_id(client)
    jpeg = _upload(client, step, jpeg_with_gps(), "zeugnis.jpeg")
    png = _upload(client, step, png_with_text(), "bild.PNG")
    assert jpeg.status_code == 201 and png.status_code == 201, (jpeg.get_json(), png.get_json())
    assert jpeg.get_json()["filename"] == "zeugnis.jpg"
    for created, kind in ((jpeg, "JPEG"), (png, "PNG")):
        stored = client.get(f"/api/v1/me/attachments/{created.get_json()['id']}")
        assert stored.status_code == 200
        assert stored.headers["X-Content-Type-Options"] == "nosniff"
        image = Image.open(io.BytesIO(stored.data))
        assert image.format == kind
        assert not image.getexif()
        assert "Author" not in image.info and "exif" not in image.info
    steps = client.get("/api/v1/me/portfolio").get_json()["steps"]
    listed = next(s for s in steps if s["id"] == step)["attachments"]
    assert [a["media_type"] for a in listed] == ["image/jpeg", "image/png"]


def test_is_a_pdf_kept_as_it_is(db, world, reference, login_as):
    client = login_as(world.pupil)
    created = _upload(client, _step_id(client), PDF, "Bescheinigung.pdf").get_json()
    stored = client.get(f"/api/v1/me/attachments/{created['id']}")
    assert stored.data == PDF and stored.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"MZ\x90\x00 program", "zeugnis.pdf", "attachment-type"),
        (b"just text", "foto.jpg", "attachment-type"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "foto.jpg", "attachment-unreadable"),
        (b"", "leer.pdf", "attachment-empty"),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "gross.pdf", "attachment-too-large"),
    ],
)
def test_is_a_wrong_file_refused_naming_the_field(db, world, reference, login_as, data, name, code):
    """Is the type read from the content, and is nothing stored for a refused file?"""
    client = login_as(world.pupil)
    step = _step_id(client)
    response = _upload(client, step, data, name)
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["type"].endswith(f"/problems/{code}")
    assert list(body["errors"]) == ["file"]
    steps = client.get("/api/v1/me/portfolio").get_json()["steps"]
    assert next(s for s in steps if s["id"] == step)["attachments"] == []


def test_may_nobody_else_read_or_delete_a_pupils_file(db, world, reference, login_as):
    """Another pupil gets 404 for the file and the step; the owner deletes it."""
    client = login_as(world.pupil)
    step = _step_id(client)
    created = _upload(client, step, PDF, "a.pdf").get_json()
    other = login_as(world.classmate)
    assert other.get(f"/api/v1/me/attachments/{created['id']}").status_code == 404
    assert other.delete(f"/api/v1/me/attachments/{created['id']}").status_code == 404
    assert _upload(other, step, PDF, "b.pdf").status_code == 404
    assert client.delete(f"/api/v1/me/attachments/{created['id']}").status_code == 204
    assert client.get(f"/api/v1/me/attachments/{created['id']}").status_code == 404


def test_does_the_class_teacher_see_files_of_shared_steps_only(db, world, reference, login_as):
    """Not shared: 404; shared: the file, with an audit record; withdrawn: 404 again."""
    client = login_as(world.pupil)
    step = _step_id(client)
    created = _upload(client, step, PDF, "praktikum.pdf").get_json()
    teacher = login_as(world.users.teacher)
    url = f"/api/v1/pupils/{world.pupil.id}/attachments/{created['id']}"
    assert teacher.get(url).status_code == 404
    assert (
        client.post("/api/v1/me/shares", json={"item_type": "step", "item_id": step}).status_code
        == 201
    )
    shared = teacher.get(f"/api/v1/pupils/{world.pupil.id}/shared-items").get_json()
    assert shared["steps"][0]["attachments"][0]["id"] == created["id"]
    response = teacher.get(url)
    assert response.status_code == 200 and response.data == PDF
    audited = db.session.scalars(
        select(AuditEvent).where(AuditEvent.resource == "shared_attachment")
    ).all()
    assert [e.pupil_id for e in audited] == [world.pupil.id]
    client.delete(f"/api/v1/me/shares?item_type=step&item_id={step}")
    assert teacher.get(url).status_code == 404
