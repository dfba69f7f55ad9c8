"""Interest profiles: one row per completed questionnaire, kept as history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db


class InterestProfile(db.Model):
    """A pupil's result of one questionnaire run.

    The matching results are stored with the scores, so a profile reads the same later even if
    the weight table or the occupation list change. `idempotency_key` makes a retried upload
    (offline outbox) return this profile instead of creating a second one.
    """

    __tablename__ = "interest_profiles"
    __table_args__ = (UniqueConstraint("pupil_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    questionnaire_version: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON)
    scores: Mapped[dict] = mapped_column(JSON)
    code: Mapped[str] = mapped_column(String(3))
    ties: Mapped[list] = mapped_column(JSON, default=list)
    berufsfelder: Mapped[list] = mapped_column(JSON, default=list)
    explore: Mapped[list] = mapped_column(JSON, default=list)
    occupations: Mapped[list] = mapped_column(JSON, default=list)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now, index=True)
