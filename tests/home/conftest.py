"""Fixtures of the pupil home tests."""

from __future__ import annotations

import pytest

from tests import factories as f


@pytest.fixture
def grade8(school_monday, db, world, reference):
    """A grade 8 pupil of the world's school and an approved provider of its Kommune (in a
    full school week, so booked days ahead lie in the pupil's school year)."""
    klasse = f.make_class(world.school, "8c", "8")
    pupil = f.make_pupil(klasse, first_name="Ben", last_name="Kaya")
    provider = f.make_provider(world.kommune, name="Stadtwerke Dortmund")
    db.session.commit()
    return pupil, provider
