"""Queries per request do not grow with the size of a class."""

from __future__ import annotations

import pytest

from bench.measure import StatementCounter
from tests import factories as f


@pytest.fixture
def count_statements(db):
    """count_statements(client, path) → (status, SQL statements the request sent)."""
    counter = StatementCounter()

    def _count(client, path):
        with counter.listening(db.engine):
            response = client.get(path)
        return response.status_code, counter.take()

    return _count


def class_with_teacher(db, world, pupils: int, name: str):
    school_class = f.make_class(world.school, name, "9")
    for _ in range(pupils):
        f.make_pupil(school_class)
    teacher = f.make_teacher(school_class)
    db.session.commit()
    return school_class, teacher


def test_does_the_class_list_cost_the_same_for_3_and_60_pupils(
    db, world, login_as, count_statements
):
    """Does listing a class of 60 pupils send as many SQL statements as a class of 3?"""
    small, small_teacher = class_with_teacher(db, world, 3, "9s")
    large, large_teacher = class_with_teacher(db, world, 60, "9l")
    small_client, large_client = login_as(small_teacher), login_as(large_teacher)
    small_status, small_count = count_statements(small_client, f"/api/v1/classes/{small.id}/pupils")
    large_status, large_count = count_statements(large_client, f"/api/v1/classes/{large.id}/pupils")
    assert small_status == large_status == 200
    assert len(large_client.get(f"/api/v1/classes/{large.id}/pupils").json) == 60
    assert 0 < small_count == large_count


def test_does_auth_me_cost_the_same_for_a_small_and_a_large_class(
    db, world, login_as, count_statements
):
    """Does /auth/me of a teacher with 60 pupils cost as much as one with 3?"""
    _small, small_teacher = class_with_teacher(db, world, 3, "9s")
    _large, large_teacher = class_with_teacher(db, world, 60, "9l")
    small = count_statements(login_as(small_teacher), "/api/v1/auth/me")
    large = count_statements(login_as(large_teacher), "/api/v1/auth/me")
    assert small[0] == large[0] == 200
    assert 0 < small[1] == large[1]


def test_does_auth_me_cost_the_same_for_a_teacher_of_one_and_of_five_classes(
    db, world, login_as, count_statements
):
    """Does a teacher of five classes cost /auth/me as many statements as a teacher of one?"""
    one = f.make_teacher(f.make_class(world.school, "8x", "8"))
    classes = [f.make_class(world.school, f"8{letter}", "8") for letter in "abcde"]
    five = f.make_teacher(*classes)
    db.session.commit()
    one_status, one_count = count_statements(login_as(one), "/api/v1/auth/me")
    five_client = login_as(five)
    five_status, five_count = count_statements(five_client, "/api/v1/auth/me")
    assert one_status == five_status == 200
    assert len(five_client.get("/api/v1/auth/me").json["class_ids"]) == 5
    assert 0 < one_count == five_count
