"""Routes of providers (and their contact users), offers and slots."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.internships import contacts, offers, providers, scopes, slot_editing
from app.internships.offers import serialize_offer
from app.internships.schemas import (
    ContactCreatedSchema,
    ContactCreateSchema,
    ContactSchema,
    OfferCreateSchema,
    OfferPageSchema,
    OfferPatchSchema,
    OfferQuerySchema,
    OfferSchema,
    ProviderCreateSchema,
    ProviderQuerySchema,
    ProviderSchema,
    SlotCreateSchema,
    SlotPatchSchema,
    SlotSchema,
)

blp = Blueprint(
    "internships",
    __name__,
    url_prefix="/api/v1",
    description="Internship providers, offers and slots",
)


@blp.route("/providers", methods=["GET"])
@access(
    allow(
        "Coordinators see their Kommune's providers, providers themselves, staff approved ones",
        teacher=everywhere,
        stubo=everywhere,
        bk_coordinator=everywhere,
        kommune_coordinator=everywhere,
        provider=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(ProviderQuerySchema, location="query")
@blp.response(200, ProviderSchema(many=True))
@problems(blp, 401, 403)
def list_providers(query):
    """Providers within the caller's scope."""
    return providers.list_providers(current_user, query.get("pending"))


@blp.route("/providers", methods=["POST"])
@access(
    allow(
        "Coordinators register providers of their Kommune; a company contact registers its own",
        kommune_coordinator=everywhere,
        provider=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(ProviderCreateSchema)
@blp.response(201, ProviderSchema)
@problems(blp, 401, 403, 409, 422)
def create_provider(data):
    """Register a provider (a company's own registration waits for approval)."""
    return providers.create_provider(current_user, data)


@blp.route("/providers/<int:provider_id>/approve", methods=["POST"])
@access(
    allow(
        "The Kommune coordinator vets providers of the Kommune before their offers go live",
        kommune_coordinator=scopes.provider_in_own_kommune,
        admin=scopes.provider_exists,
    )
)
@blp.response(200, ProviderSchema)
@problems(blp, 401, 403, 404, 409)
def approve_provider(provider_id: int):
    """Approve a provider: its published offers go live."""
    return providers.approve_provider(current_user, provider_id)


@blp.route("/offers", methods=["GET"])
@access(
    allow(
        "Pupils and school staff browse live offers of their Kommune; providers their own",
        pupil=everywhere,
        teacher=everywhere,
        stubo=everywhere,
        kommune_coordinator=everywhere,
        provider=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(OfferQuerySchema, location="query")
@blp.response(200, OfferPageSchema)
@problems(blp, 401, 403, 422)
def list_offers(query):
    """Browse and filter offers; sorted by fit with the pupil's interest profile if any."""
    return offers.list_offers(current_user, **query)


@blp.route("/offers", methods=["POST"])
@access(allow("A provider's contact users publish its offers", provider=everywhere))
@blp.arguments(OfferCreateSchema)
@blp.response(201, OfferSchema)
@problems(blp, 401, 403, 409, 422)
def create_offer(data):
    """Create an offer (draft or published) for the caller's provider."""
    return serialize_offer(offers.create_offer(current_user, data))


@blp.route("/offers/<int:offer_id>", methods=["GET"])
@access(
    allow(
        "Live offers for pupils and school staff of the Kommune; own offers for providers",
        pupil=scopes.offer_visible,
        teacher=scopes.offer_visible,
        stubo=scopes.offer_visible,
        kommune_coordinator=scopes.offer_in_own_kommune,
        provider=scopes.offer_is_own,
        admin=scopes.offer_exists,
    )
)
@blp.response(200, OfferSchema)
@problems(blp, 401, 403, 404)
def get_offer(offer_id: int):
    """One offer with its slots, distance and fit."""
    return offers.get_offer(current_user, offer_id)


@blp.route("/offers/<int:offer_id>", methods=["PATCH"])
@access(
    allow(
        "The provider edits its own offers", provider=scopes.offer_is_own, admin=scopes.offer_exists
    )
)
@blp.arguments(OfferPatchSchema)
@blp.response(200, OfferSchema)
@problems(blp, 401, 403, 404, 422)
def update_offer(data, offer_id: int):
    """Change an offer (publish, withdraw, edit texts and fields)."""
    return serialize_offer(offers.update_offer(current_user, offer_id, data))


@blp.route("/offers/<int:offer_id>/slots", methods=["POST"])
@access(
    allow(
        "The provider adds dates to its own offers",
        provider=scopes.offer_is_own,
        admin=scopes.offer_exists,
    )
)
@blp.arguments(SlotCreateSchema)
@blp.response(201, SlotSchema)
@problems(blp, 401, 403, 404, 409, 422)
def add_slot(data, offer_id: int):
    """Add a date (BFE day) or period (Praktikum) with daily hours and capacity."""
    return offers.add_slot(current_user, offer_id, data)


@blp.route("/slots/<int:slot_id>", methods=["PATCH"])
@access(
    allow(
        "The provider changes dates, hours and places of its own slots",
        provider=scopes.slot_is_own,
        admin=scopes.slot_exists,
    )
)
@blp.arguments(SlotPatchSchema)
@blp.response(200, SlotSchema)
@problems(blp, 401, 403, 404, 409, 422)
def update_slot(data, slot_id: int):
    """Change a slot. Capacity never below the booked places (409); dates and hours only
    while nobody is booked (409); the rules of a new slot apply (422)."""
    return slot_editing.update_slot(current_user, slot_id, data)


@blp.route("/slots/<int:slot_id>", methods=["DELETE"])
@access(
    allow(
        "The provider removes its own slots that nobody booked",
        provider=scopes.slot_is_own,
        admin=scopes.slot_exists,
    )
)
@blp.response(204)
@problems(blp, 401, 403, 404, 409)
def delete_slot(slot_id: int):
    """Delete a slot without active bookings (409 with bookings: the school cancels first)."""
    slot_editing.delete_slot(current_user, slot_id)


@blp.route("/providers/<int:provider_id>/contacts", methods=["GET"])
@access(
    allow(
        "A provider's contacts see their colleagues; the Kommune coordinator its providers'",
        provider=scopes.provider_is_own,
        kommune_coordinator=scopes.provider_in_own_kommune,
        admin=scopes.provider_exists,
    )
)
@blp.response(200, ContactSchema(many=True))
@problems(blp, 401, 403, 404)
def list_contacts(provider_id: int):
    """The provider's contact users (active first)."""
    return contacts.list_contacts(provider_id)


@blp.route("/providers/<int:provider_id>/contacts", methods=["POST"])
@access(
    allow(
        "A provider's contact adds a colleague; the Kommune coordinator for its providers",
        provider=scopes.provider_is_own,
        kommune_coordinator=scopes.provider_in_own_kommune,
        admin=scopes.provider_exists,
    )
)
@blp.arguments(ContactCreateSchema)
@blp.response(201, ContactCreatedSchema)
@problems(blp, 401, 403, 404, 422)
def create_contact(data, provider_id: int):
    """Add a contact user: an activation link goes to their e-mail, colleagues are told."""
    return contacts.create_contact(current_user, provider_id, data)


@blp.route("/providers/<int:provider_id>/contacts/<int:user_id>/activation", methods=["POST"])
@access(
    allow(
        "Whoever may add a provider's contacts may send a contact a new activation link",
        provider=scopes.contact_of_own_provider,
        kommune_coordinator=scopes.contact_in_own_kommune,
        admin=scopes.contact_exists,
    )
)
@blp.response(200, ContactSchema)
@problems(blp, 401, 403, 404, (409, "The contact has set a password already, or was removed"))
def resend_activation(provider_id: int, user_id: int):
    """Mail the contact a new activation link (the old one stops working)."""
    return contacts.resend_activation(current_user, provider_id, user_id)


@blp.route("/providers/<int:provider_id>/contacts/<int:user_id>", methods=["DELETE"])
@access(
    allow(
        "A provider's contact removes a colleague; the Kommune coordinator for its providers",
        provider=scopes.contact_of_own_provider,
        kommune_coordinator=scopes.contact_in_own_kommune,
        admin=scopes.contact_exists,
    )
)
@blp.response(204)
@problems(blp, 401, 403, 404, 409)
def deactivate_contact(provider_id: int, user_id: int):
    """Deactivate a contact user and end its sessions (409 for the last active contact)."""
    contacts.deactivate_contact(current_user, provider_id, user_id)
