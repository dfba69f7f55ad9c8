"""The receiving school's word at term start: the youth arrived, or did not show up.

An arrival confirms the admission (VO-DV I § 7 Abs. 1: the receiving school reports the
admission, and only then does the leaving school's responsibility for the Schulpflicht end):
the record becomes "angetreten" with the application's option and is closed. A no-show takes
the application out of the derived status (usually back to "nokean"); the record stays open,
since the leaving school must follow the youth up.
"""

from __future__ import annotations

from app.anschluss import derivation, record, status
from app.anschluss.models import Application
from app.core import clock
from app.extensions import db

RESULTS = ("arrived", "no_show")


def record_arrival(actor, application: Application, result: str) -> bool:
    """Store what the receiving school reported; False when it was already recorded so."""
    anschluss = status.find(application.pupil_id, application.school_year_id)
    if application.arrival == result:
        return False
    record.ensure_open(anschluss)
    application.arrival = result
    application.arrival_recorded_at = clock.now()
    db.session.flush()
    if result == "arrived":
        anschluss = status.store(
            actor,
            application.pupil_id,
            application.school_year_id,
            anschluss,
            {"status": "angetreten", "option_code": application.option_code},
            "arrival",
        )
        record.close(anschluss, "arrival_confirmed", actor.id)
        db.session.flush()
    else:
        derivation.derive(actor, application.pupil_id, application.school_year_id)
    return True
