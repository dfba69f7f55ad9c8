"""Staff notices name the pupil only when they are read or mailed (issue 9, L2).

A notice about a pupil (a booking request for the class teacher …) is stored with the pupil's
id and texts that name nobody; the inbox and the mail sender render it again with the
pupil's current name. When the pupil's data is deleted, the notice goes with it (privacy
registry), so no copy of the name outlives the pupil's record in an inbox or the outbox.
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.notifications.models import Notification
from app.notifications.templates import render

NOBODY = "–"  # what stored texts carry where the pupil's name goes
FIELDS = (
    "id",
    "kind",
    "link",
    "created_at",
    "read_at",
    "title_de",
    "body_de",
    "title_en",
    "body_en",
)


def subject_of(data: dict, recipient_id: int) -> int | None:
    """The pupil a notice is about, when that is not the recipient."""
    pupil_id = data.get("pupil_id")
    return pupil_id if isinstance(pupil_id, int) and pupil_id != recipient_id else None


def _names(pupil_ids: set[int]) -> dict[int, str]:
    if not pupil_ids:
        return {}
    rows = db.session.execute(
        select(User.id, User.first_name, User.last_name, User.display_name).where(
            User.id.in_(pupil_ids)
        )
    )
    return {i: f"{first} {last}".strip() or display or NOBODY for i, first, last, display in rows}


def present(entries: list[Notification]) -> list[dict]:
    """The entries as the reader sees them: staff notices with the pupil's current name."""
    names = _names({e.subject_pupil_id for e in entries if e.subject_pupil_id})
    shown = []
    for entry in entries:
        view = {field: getattr(entry, field) for field in FIELDS}
        if entry.subject_pupil_id:
            data = {**entry.data, "pupil_name": names.get(entry.subject_pupil_id, NOBODY)}
            texts = render(entry.kind, data, recipient_is_subject=False)
            view.update({k: texts[k] for k in ("title_de", "body_de", "title_en", "body_en")})
        shown.append(view)
    return shown
