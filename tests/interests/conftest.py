"""Fixtures of the interest tests: the reference catalogues as loaded in production."""

from __future__ import annotations

import pytest


@pytest.fixture
def reference(db):
    """Berufsfelder, SBO elements and occupations, loaded by the production loader."""
    from seeds.loader import load_reference

    counts = load_reference()
    db.session.commit()
    return counts
