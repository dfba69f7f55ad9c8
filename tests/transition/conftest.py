"""Fixtures of the transition tests: the world with catalogues, leavers heading to its BK."""

from __future__ import annotations

import pytest


@pytest.fixture
def transition_world(world, reference, db):
    """The two-Kommune world; its 10a leavers are 16 when they leave (still obliged to attend
    school after the summer), whatever day the suite runs on."""
    from tests.transition.support import leaver_birth_date

    for pupil in (world.pupil, world.classmate, world.pupil_b):
        pupil.birth_date = leaver_birth_date()
    db.session.commit()
    return world
