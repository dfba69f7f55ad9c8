"""The round views run the same number of SQL statements for few or many leavers and schools."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core import clock
from app.verantwortungskette.models import IdentificationRound
from app.verantwortungskette.round_models import PlanDeclaration
from tests import factories as f
from tests.factories import current_school_year
from tests.support import statements_for


def _leavers(db, klasse, count: int, round_id: int) -> None:
    for n in range(count):
        pupil = f.make_pupil(klasse, first_name=f"P{n}")
        db.session.add(
            PlanDeclaration(pupil_id=pupil.id, identification_round_id=round_id, plan="noch_offen")
        )
    db.session.flush()


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("stubo", "/api/v1/schools/{school}/identification"),
        ("stubo", "/api/v1/identification-rounds/{ended}/snapshot"),
        ("kommune_coordinator", "/api/v1/identification-rounds/{ended}/snapshot"),
        ("kommune_coordinator", "/api/v1/kommunen/{kommune}/rounds/progress"),
    ],
)
def test_constant_statement_count(world, login_as, db, role, url):
    """Does the view run as many statements for 60 listed pupils in 4 schools as for 3?"""
    today = clock.today()
    year = current_school_year().id
    rounds = {}
    for name, start, end in (("I", -20, -10), ("II", -5, 5)):
        identification_round = IdentificationRound(
            kommune_id=world.kommune.id,
            school_year_id=year,
            name=name,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
        )
        db.session.add(identification_round)
        db.session.flush()
        rounds[name] = identification_round.id
    _leavers(db, world.klasse, 3, rounds["II"])
    db.session.commit()
    url = url.format(school=world.school.id, kommune=world.kommune.id, ended=rounds["I"])
    client = login_as(getattr(world.users, role))
    statements_for(client, db, url)  # the first read after the cut-off freezes the round
    small = statements_for(client, db, url)
    _leavers(db, world.klasse, 60, rounds["II"])
    for n in range(3):
        _leavers(
            db, f.make_class(f.make_school(world.kommune, "GE"), f"10x{n}", "10"), 5, rounds["II"]
        )
    db.session.commit()
    large = statements_for(client, db, url)
    assert small == large, (small, large)
