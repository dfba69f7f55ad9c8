"""lock_version is required on every update that uses optimistic locking (issue 9, info item):
an update that does not say which version it read cannot silently overwrite someone's change."""

from __future__ import annotations

from app.anschluss.models import Anschluss
from tests.support import count_of


def _url(world) -> str:
    return f"/api/v1/pupils/{world.pupil.id}/anschluss"


def test_is_an_update_without_lock_version_refused(world, reference, login_as):
    """Is a PUT of the Anschluss record without lock_version a 422 naming the field?"""
    response = login_as(world.users.teacher).put(_url(world), json={"status": "offen"})
    assert response.status_code == 422
    assert "lock_version" in response.json["errors"]
    assert count_of(Anschluss) == 0


def test_does_a_stale_lock_version_lose_against_a_change_made_meanwhile(world, reference, login_as):
    """Two teachers read version 0; the second one's save is a 409 naming lock_version."""
    teacher, stubo = login_as(world.users.teacher), login_as(world.users.stubo)
    first = teacher.put(_url(world), json={"status": "nokean", "lock_version": 0})
    assert first.status_code == 200
    second = stubo.put(_url(world), json={"status": "unbe", "lock_version": 0})
    assert second.status_code == 409
    assert "lock_version" in second.json["errors"]
    assert teacher.get(_url(world)).json["status"] == "nokean"
    third = stubo.put(
        _url(world), json={"status": "unbe", "lock_version": first.json["lock_version"]}
    )
    assert third.status_code == 200
