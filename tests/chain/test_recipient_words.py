"""How a receiving Kommune is named to the pupil and in the logs."""

from __future__ import annotations

from types import SimpleNamespace

from app.verantwortungskette.common import recipient_name


def test_is_the_town_named_once():
    """ "Kommunale Koordinierung Dortmund", not "… Dortmund Dortmund"; the town is added where
    the office's name lacks it?"""
    named = SimpleNamespace(name="Dortmund", coordination_name="Kommunale Koordinierung Dortmund")
    assert recipient_name("kommune", None, named) == "Kommunale Koordinierung Dortmund"
    plain = SimpleNamespace(name="Bochum", coordination_name="")
    assert recipient_name("kommune", None, plain) == "Kommunale Koordinierung Bochum"
