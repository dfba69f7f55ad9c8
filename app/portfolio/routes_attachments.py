"""HTTP routes of attachments in "Mein Weg": upload, list on the steps, download, delete; the
class teacher downloads the files of shared steps."""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from app.core.api import problems
from app.core.multipart import MultipartBlueprint
from app.core.policy import access, allow, everywhere
from app.core.request_guards import body_limit
from app.portfolio import attachments
from app.portfolio.schemas import AttachmentSchema, AttachmentUploadSchema
from app.schools import scopes

blp = MultipartBlueprint(
    "portfolio_attachments",
    __name__,
    url_prefix="/api/v1",
    description='Certificates and photos on the steps of "Mein Weg"',
)

PUPIL_ONLY = allow("Only the pupil: attachments are pupil-owned", pupil=everywhere)
UPLOAD_LIMIT = attachments.MAX_BYTES + 64 * 1024  # the file plus the form around it


def _file(attachment, data: bytes, disposition: str) -> Response:
    return Response(
        data,
        mimetype=attachment.media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{attachment.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@blp.route("/me/portfolio/steps/<int:step_id>/attachments", methods=["POST"])
@access(PUPIL_ONLY)
@body_limit(UPLOAD_LIMIT)
@blp.arguments(AttachmentUploadSchema, location="multipart")
@blp.response(201, AttachmentSchema)
@problems(
    blp,
    401,
    403,
    (404, "Not a step of this pupil"),
    (413, "Larger than 5 MB"),
    (422, "Empty, not PDF/JPEG/PNG, unreadable, or the step has 10 files"),
)
def upload_attachment(body, step_id: int):
    """Attach a certificate or photo to one of my steps."""
    return attachments.view(attachments.add(current_user, step_id, body["file"]))


@blp.route("/me/attachments/<int:attachment_id>", methods=["GET"])
@access(PUPIL_ONLY)
@blp.response(200, description="The file", content_type="application/octet-stream")
@problems(blp, 401, 403, (404, "Not an attachment of this pupil"))
def download_attachment(attachment_id: int):
    """One of my attachments (shown in the browser when it can, else downloaded)."""
    attachment, data = attachments.own(current_user, attachment_id)
    return _file(attachment, data, "inline")


@blp.route("/me/attachments/<int:attachment_id>", methods=["DELETE"])
@access(PUPIL_ONLY)
@blp.response(204)
@problems(blp, 401, 403, (404, "Not an attachment of this pupil"))
def delete_attachment(attachment_id: int):
    """Delete one of my attachments."""
    attachments.remove(current_user, attachment_id)


@blp.route("/pupils/<int:pupil_id>/attachments/<int:attachment_id>", methods=["GET"])
@access(
    allow(
        "Only a teacher of the pupil's class, and only files of a shared step (audited)",
        teacher=scopes.pupil_in_taught_class,
    )
)
@blp.response(200, description="The file", content_type="application/octet-stream")
@problems(blp, 401, 403, (404, "No such file of a shared step"))
def shared_attachment(pupil_id: int, attachment_id: int):
    """A file on a step the pupil shares with the class teacher."""
    attachment, data = attachments.shared(current_user, pupil_id, attachment_id)
    return _file(attachment, data, "attachment")
