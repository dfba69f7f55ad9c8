"""Cohort views run the same number of SQL statements for 10 or 120 leavers."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.anschluss.cohort_helpers import add_cases, add_leavers
from tests.support import statements_for


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("stubo", "/api/v1/schools/{school}/leavers?sort=risk&unsecured=true"),
        ("stubo", "/api/v1/schools/{school}/leavers?risk_reason=no_counselling&per_page=5&page=2"),
        ("stubo", "/api/v1/schools/{school}/leavers/summary"),
        ("stubo", "/api/v1/schools/{school}/leavers/export.csv"),
        ("kommune_coordinator", "/api/v1/kommunen/{kommune}/summary"),
        ("teacher", "/api/v1/classes/{klasse}/anschluss"),
    ],
)
def test_constant_statement_count(anschluss_world, login_as, db, role, url):
    """Does the view run as many SQL statements for a large cohort (and more handed-over
    leavers with case outcomes) as for a small one?"""
    w = anschluss_world
    url = url.format(school=w.school.id, kommune=w.kommune.id, klasse=w.klasse.id)
    client = login_as(getattr(w.users, role))
    add_cases(db, add_leavers(db, w.klasse, 8)[:2], w.berufskolleg)
    db.session.commit()
    small = statements_for(client, db, url)
    add_cases(db, add_leavers(db, w.klasse, 60, start=100)[:40], w.berufskolleg)
    second_school = f.make_school(w.kommune, "GE")
    add_leavers(db, f.make_class(second_school, "10c", "10"), 50, start=300)
    db.session.commit()
    large = statements_for(client, db, url)
    assert small == large, (small, large)
