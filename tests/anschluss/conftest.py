"""Fixtures of the Anschluss tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def anschluss_world(world, reference):
    """The two-Kommune world with the reference catalogues loaded."""
    return world
