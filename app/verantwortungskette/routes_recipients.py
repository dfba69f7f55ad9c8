"""Recipient organisations of a Kommune (issue 11): configured by its coordination."""

from __future__ import annotations

from app.core.api import problems
from app.core.policy import access, allow
from app.schools import scopes
from app.verantwortungskette import recipients
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.schemas import (
    RecipientInputSchema,
    RecipientPatchSchema,
    RecipientSchema,
)

KOMMUNE_COORDINATION = allow(
    "The Kommune's coordination configures the recipients of its Verantwortungskette; admins",
    kommune_coordinator=scopes.kommune_is_own,
    admin=scopes.kommune_exists,
)


@blp.route("/kommunen/<int:kommune_id>/recipients", methods=["GET"])
@access(KOMMUNE_COORDINATION)
@blp.response(200, RecipientSchema(many=True))
@problems(blp, (404, "No such Kommune"))
def list_recipients(kommune_id: int):
    """The Kommune's recipient organisations (also switched-off ones)."""
    return [recipients.view(r) for r in recipients.of_kommune(kommune_id)]


@blp.route("/kommunen/<int:kommune_id>/recipients", methods=["POST"])
@access(KOMMUNE_COORDINATION)
@blp.arguments(RecipientInputSchema)
@blp.response(201, RecipientSchema)
@problems(
    blp,
    (404, "No such Kommune"),
    (409, "The recipient exists (same name, same Berufskolleg, or a second coordination)"),
    (422, "A school that is no Berufskolleg of the Kommune, or a school for another kind"),
)
def create_recipient(data: dict, kommune_id: int):
    """Add a recipient organisation: Agentur für Arbeit, Jobcenter, Jugendhilfe, Berufskolleg
    (from the school list) or the Kommunale Koordinierung."""
    return recipients.view(recipients.create(kommune_id, data))


@blp.route("/recipients/<int:recipient_id>", methods=["PATCH"])
@access(
    allow(
        "The Kommune's coordination edits its own recipients; admins",
        kommune_coordinator=chain_scopes.recipient_of_my_kommune,
        admin=chain_scopes.recipient_exists,
    )
)
@blp.arguments(RecipientPatchSchema)
@blp.response(200, RecipientSchema)
@problems(
    blp,
    (404, "No such recipient"),
    (409, "Another recipient has this name"),
    (422, "The kind cannot change"),
)
def update_recipient(data: dict, recipient_id: int):
    """Rename, give the address, or switch a recipient off (no new consents name it)."""
    return recipients.view(recipients.update(recipient_id, data))
