"""What the data exchange keeps per school: the saved column mapping of an import, and the
connection to the school's SVWS-Server (its credentials encrypted, never in clear text)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db


class ImportMapping(db.Model):
    """A school's saved column mapping of one import kind (field → header in the file)."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("school_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class SvwsConnection(db.Model):
    """Where the school's SVWS-Server is and how to log in; the password only encrypted
    (exchange/credentials.py, key outside the database)."""

    __tablename__ = "svws_connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), unique=True
    )
    base_url: Mapped[str] = mapped_column(String(255))
    schema: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(120))
    password_encrypted: Mapped[bytes] = mapped_column(LargeBinary(1024))
    verify_tls: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
