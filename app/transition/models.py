"""Alerts of the transition through the summer: a receiving Berufskolleg reports a no-show.

The alert goes to the leaving school's StuBO (who stays responsible for the Schulpflicht until
a school confirms the admission, VO-DV I § 7 Abs. 1) and to the Kommune's coordination.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

ALERT_KINDS = ("no_show",)


class TransitionAlert(db.Model):
    """A youth did not arrive at the school that expected them."""

    __tablename__ = "transition_alerts"
    __table_args__ = (
        CheckConstraint("kind IN ('no_show')", name="kind"),
        Index("ix_transition_alerts_school_open", "school_id", "resolved_at"),
        Index("ix_transition_alerts_kommune_open", "kommune_id", "resolved_at"),
        Index("ix_transition_alerts_pupil", "pupil_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="no_show")
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))  # the leaving school
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id"))
    reported_by_school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("anschluss_applications.id", ondelete="SET NULL")
    )
    # The Schulpflicht case opened in the Verantwortungskette (only for youths still obliged).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("vk_cases.id", ondelete="SET NULL"))
    schulpflichtig: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
