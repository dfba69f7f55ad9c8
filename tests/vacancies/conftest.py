"""Fixtures of the vacancy tests: the reference catalogues (occupations, certificates)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _catalogues(reference):
    return reference
