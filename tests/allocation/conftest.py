"""A round of the own school with three slots of the own Kommune."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.allocation.helpers import make_round, make_slot, school_days


@pytest.fixture
def bfe(world, db):
    days = school_days(3)
    slots = [
        make_slot(world.provider_org, days[0], capacity=1, fields=("ITC",), title="IT"),
        make_slot(world.provider_org, days[1], capacity=1, fields=("GESGE",), title="Pflege"),
        make_slot(world.provider_org, days[2], capacity=2, fields=("M",), title="Metall"),
    ]
    foreign = make_slot(world.other_provider_org, days[0], title="Bochum")
    allocation_round = make_round(school=world.school, days=days, seed=11)
    db.session.commit()
    return SimpleNamespace(round=allocation_round, slots=slots, foreign=foreign, days=days)
