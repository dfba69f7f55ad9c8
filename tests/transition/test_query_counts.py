"""The incoming list and the cohort views run as many statements for 10 leavers as for 100,
with applications, arrivals and no-show alerts among them."""

from __future__ import annotations

import pytest

from app.anschluss.models import Application
from app.core import clock
from app.transition.models import TransitionAlert
from tests import factories as f
from tests.anschluss.cohort_helpers import add_leavers
from tests.support import statements_for

ARRIVALS = (None, "arrived", "no_show")


def add_applications(db, world, pupils) -> None:
    """Each leaver applies twice; the chosen one goes to the world's Berufskolleg."""
    for n, pupil in enumerate(pupils):
        year_id = world.klasse.school_year_id
        db.session.add_all(
            [
                Application(
                    pupil_id=pupil.id,
                    school_year_id=year_id,
                    target_kind="school",
                    target_school_id=world.berufskolleg.id,
                    option_code="BFSII",
                    status="zugesagt",
                    is_chosen=True,
                    confirmed_at=clock.now(),
                    arrival=ARRIVALS[n % 3],
                ),
                Application(
                    pupil_id=pupil.id,
                    school_year_id=year_id,
                    target_kind="company",
                    target_name=f"Betrieb {n}",
                    option_code="DUAL",
                    status="abgesagt",
                ),
            ]
        )
        if n % 3 == 2:
            db.session.add(
                TransitionAlert(
                    pupil_id=pupil.id,
                    school_id=world.school.id,
                    kommune_id=world.kommune.id,
                    reported_by_school_id=world.berufskolleg.id,
                )
            )
    db.session.flush()


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("bk_coordinator", "/api/v1/schools/{bk}/incoming?per_page=200"),
        ("stubo", "/api/v1/schools/{school}/transition?per_page=200&school_year_id={year}"),
        ("stubo", "/api/v1/schools/{school}/transition-alerts"),
        ("kommune_coordinator", "/api/v1/kommunen/{kommune}/transition-alerts"),
        ("stubo", "/api/v1/schools/{school}/leavers?sort=risk"),
        ("teacher", "/api/v1/classes/{klasse}/anschluss"),
        ("teacher", "/api/v1/pupils/{pupil}/applications"),
    ],
)
def test_constant_statement_count(transition_world, login_as, db, role, url):
    """Does the view run as many SQL statements for a large cohort as for a small one?"""
    w = transition_world
    url = url.format(
        bk=w.berufskolleg.id,
        school=w.school.id,
        kommune=w.kommune.id,
        klasse=w.klasse.id,
        pupil=w.pupil.id,
        year=w.klasse.school_year_id,
    )
    add_applications(db, w, [w.pupil, *add_leavers(db, w.klasse, 8)])
    db.session.commit()
    client = login_as(getattr(w.users, role))
    small = statements_for(client, db, url)
    add_applications(db, w, add_leavers(db, w.klasse, 90, start=100))
    second = f.make_class(f.make_school(w.kommune, "GE"), "10c", "10")
    add_applications(db, w, add_leavers(db, second, 20, start=300))
    db.session.commit()
    large = statements_for(client, db, url)
    assert small == large, (small, large)
