"""Where attachment bytes live: a small interface with one backend, the database.

The database works for every worker and every deployment without more configuration, and a
pupil's files go wherever their rows go (export, retention, backups). An S3-compatible
backend would implement the same three functions, configured by URL (ATTACHMENT_STORAGE_URL);
it is not built because no S3 client library is pinned in this project (docs/pupil-journey.md).
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import delete, select

from app.extensions import db
from app.portfolio.models import AttachmentContent


class AttachmentStore(Protocol):
    def put(self, attachment_id: int, data: bytes) -> None: ...

    def get(self, attachment_id: int) -> bytes | None: ...

    def delete(self, attachment_id: int) -> None: ...


class DatabaseStore:
    """Bytes in `attachment_contents`, written in the request's transaction."""

    def put(self, attachment_id: int, data: bytes) -> None:
        db.session.add(AttachmentContent(attachment_id=attachment_id, data=data))
        db.session.flush()

    def get(self, attachment_id: int) -> bytes | None:
        return db.session.scalar(
            select(AttachmentContent.data).where(AttachmentContent.attachment_id == attachment_id)
        )

    def delete(self, attachment_id: int) -> None:
        db.session.execute(
            delete(AttachmentContent).where(AttachmentContent.attachment_id == attachment_id)
        )


def store() -> AttachmentStore:
    return DatabaseStore()
