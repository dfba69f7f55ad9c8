"""What the Verantwortungskette tells the layers above it (blinker signals, connected in
app/wiring.py): a pupil answered a round, so the class teacher must hear of it and confirm."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the PlanDeclaration after it was stored; kwargs: pupil (User)
plan_declared = _signals.signal("plan-declared")
