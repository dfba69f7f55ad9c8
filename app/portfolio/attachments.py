"""Certificates and photos on the steps of "Mein Weg".

Accepted: PDF, JPEG and PNG up to 5 MB, the type read from the first bytes (never from the
name or the browser's claim). Images are decoded and encoded again with Pillow, which keeps the
pixels (turned upright by their EXIF orientation) and drops every piece of metadata (EXIF with
GPS position and camera, XMP, comments). PDFs are kept as they are. The pupil sees their
files; the class teacher sees the files of a step the pupil shares (audited).
"""

from __future__ import annotations

import io
import re
import warnings

from sqlalchemy import and_, func, select

from app.core import audit
from app.core.errors import Invalid, NotFound
from app.extensions import db
from app.portfolio.models import Attachment, PortfolioStep, Share
from app.portfolio.storage import store

MAX_BYTES = 5 * 1024 * 1024
MAX_PER_STEP = 10
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger is refused, never decoded
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def sniff(data: bytes) -> str | None:
    """The media type the content is, by its signature (None when not one we accept)."""
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def clean_image(data: bytes, media_type: str) -> bytes:
    """Decode and encode again: same picture, no metadata. Refuses what does not decode."""
    # Imported here: only uploads need Pillow, and workers start without it.
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise Invalid("attachment-unreadable", field="file")
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as exc:
        raise Invalid("attachment-unreadable", field="file") from exc
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if media_type == "image/jpeg":
        image.convert("RGB").save(out, format="JPEG", quality=90, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def safe_name(name: str | None, media_type: str) -> str:
    """A file name to show and to download under: no path, no control characters, the
    extension of what the file really is."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"]", "", base).strip() or "datei"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:100]}{EXTENSIONS[media_type]}"


def _own_step(pupil_id: int, step_id: int) -> PortfolioStep:
    step = db.session.get(PortfolioStep, step_id)
    if step is None or step.pupil_id != pupil_id:
        raise NotFound("portfolio-step-not-found")
    return step


def add(pupil, step_id: int, upload) -> Attachment:
    step = _own_step(pupil.id, step_id)
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise Invalid("attachment-empty", field="file")
    if len(data) > MAX_BYTES:
        raise Invalid("attachment-too-large", field="file", max_mb=MAX_BYTES // (1024 * 1024))
    media_type = sniff(data)
    if media_type is None:
        raise Invalid("attachment-type", field="file")
    count = db.session.scalar(select(func.count()).where(Attachment.step_id == step.id))
    if count >= MAX_PER_STEP:
        raise Invalid("attachment-limit", field="file", limit=MAX_PER_STEP)
    if media_type != "application/pdf":
        data = clean_image(data, media_type)
    attachment = Attachment(
        pupil_id=pupil.id,
        step_id=step.id,
        filename=safe_name(upload.filename, media_type),
        media_type=media_type,
        size=len(data),
    )
    db.session.add(attachment)
    db.session.flush()
    store().put(attachment.id, data)
    return attachment


def by_step(step_ids) -> dict[int, list[dict]]:
    """step id → its attachments' metadata, oldest first (one query)."""
    result: dict[int, list[dict]] = {}
    if not step_ids:
        return result
    rows = db.session.scalars(
        select(Attachment).where(Attachment.step_id.in_(step_ids)).order_by(Attachment.id)
    )
    for attachment in rows:
        result.setdefault(attachment.step_id, []).append(view(attachment))
    return result


def view(attachment: Attachment) -> dict:
    return {
        "id": attachment.id,
        "step_id": attachment.step_id,
        "filename": attachment.filename,
        "media_type": attachment.media_type,
        "size": attachment.size,
        "created_at": attachment.created_at,
    }


def own(pupil, attachment_id: int) -> tuple[Attachment, bytes]:
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.pupil_id != pupil.id:
        raise NotFound("attachment-not-found")
    return attachment, store().get(attachment.id) or b""


def remove(pupil, attachment_id: int) -> None:
    attachment, _ = own(pupil, attachment_id)
    store().delete(attachment.id)
    db.session.delete(attachment)
    db.session.flush()


def shared(teacher, pupil_id: int, attachment_id: int) -> tuple[Attachment, bytes]:
    """A file of a step the pupil shares with the class teacher (audited read)."""
    attachment = db.session.scalar(
        select(Attachment)
        .join(
            Share,
            and_(
                Share.item_type == "step",
                Share.item_id == Attachment.step_id,
                Share.pupil_id == Attachment.pupil_id,
                Share.revoked_at.is_(None),
            ),
        )
        .where(Attachment.id == attachment_id, Attachment.pupil_id == pupil_id)
    )
    if attachment is None:
        raise NotFound("attachment-not-found")
    audit.record(
        teacher,
        "read",
        "shared_attachment",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        categories=("portfolio_attachments",),
    )
    return attachment, store().get(attachment.id) or b""
