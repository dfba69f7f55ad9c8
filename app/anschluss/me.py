"""What a pupil sees of their own Anschluss."""

from __future__ import annotations

from app.anschluss import agreement, reference, reports, status


def my_anschluss(pupil) -> dict:
    year = reference.current_school_year()
    current = agreement.current(pupil.id)
    return {
        "anschluss": status.view(pupil.id, status.find(pupil.id, year.id if year else None), year),
        "agreement": agreement.agreement_view(current) if current else None,
        "reports": reports.list_for_pupil(pupil.id),
        "history": status.history(pupil, pupil.id),
    }
