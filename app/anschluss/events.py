"""What the Anschluss feature tells the layers above it (blinker signals).

The import contract lets `anschluss` import no feature above it, yet a change of a leaver's
record concerns others: the Verantwortungskette's coordinator of an open case wants to know,
and the class teacher and StuBO must hear when an option no longer fits the achieved
certificate. The record sends a signal; `app/wiring.py` connects the receivers of the features
above (app/transition/hooks.py) once at start-up. Receivers run in the sender's transaction
(they flush, never commit), so a rolled-back change notifies nobody.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the Anschluss row after the change; kwargs: actor (User or None), source, old (dict)
anschluss_changed = _signals.signal("anschluss-changed")
# sender: the Anschluss row; kwargs: actor, mismatches (list of dicts: what no longer fits)
certificate_mismatch = _signals.signal("certificate-mismatch")
