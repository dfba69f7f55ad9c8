"""Guardian links (staff), the guardian page (the link is the key), and the pupil's sharing."""

from __future__ import annotations

from flask import Response, current_app, request
from flask_login import current_user
from flask_smorest import Blueprint

from app.auth import enrolment
from app.auth.models import User
from app.core import i18n
from app.core.api import problems
from app.core.errors import Forbidden
from app.core.policy import access, allow, authenticated, public
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.extensions import db, limiter
from app.families import languages, letters, links, messages, page, sharing
from app.families import scopes as link_scopes
from app.families.schemas import (
    ConfirmationInputSchema,
    GuardianAgreementSchema,
    GuardianConsentInputSchema,
    GuardianConsentsSchema,
    GuardianLanguageSchema,
    GuardianPageSchema,
    IssuedLinkSchema,
    LanguageInputSchema,
    LanguageSchema,
    LetterQuerySchema,
    LettersQuerySchema,
    LinkRequestSchema,
    LinkSchema,
    MessageInputSchema,
    RequirementInputSchema,
    SentMessageSchema,
    SharingInputSchema,
    SharingSchema,
)
from app.schools import scopes
from app.verantwortungskette import scopes as chain_scopes

blp = Blueprint(
    "guardians", __name__, url_prefix="/api/v1", description="Guardians without an account"
)

_ISSUERS = allow(
    "The class teacher, the school's StuBO and admins hand out guardian links",
    teacher=scopes.pupil_in_taught_class,
    stubo=scopes.pupil_in_own_school,
    admin=scopes.pupil_exists,
)
_LINK_HOLDER = public("The link is the key: it reaches its own pupil only, rate-limited")
_INVALID = (404, "Unknown, revoked or expired link (guardian-link-invalid)")
_RATE = (429, "Too many calls from this address")


i18n.add_language_source(languages.language_of_request)
blp.before_app_request(languages.remember_person_language)


def guardian_limit() -> str:
    return current_app.config["GUARDIAN_LINK_RATE_LIMIT"]


@blp.route("/pupils/<int:pupil_id>/guardian-links", methods=["POST"])
@access(_ISSUERS)
@blp.arguments(LinkRequestSchema, required=False)
@blp.response(201, IssuedLinkSchema)
def issue_link(body, pupil_id: int):
    """Issue a guardian link (token shown only in this answer; earlier links end)."""
    pupil = db.session.get(User, pupil_id)
    language = (body or {}).get("language", "de")
    issued = links.issue(current_user, [pupil], {pupil.id: language})[0]
    return {**issued, "qr_svg": enrolment.qr_svg(issued["url"])}


@blp.route("/pupils/<int:pupil_id>/guardian-links", methods=["GET"])
@access(_ISSUERS)
@blp.response(200, LinkSchema(many=True))
def list_links(pupil_id: int):
    """The pupil's guardian links, newest first (no tokens: they are stored as hashes)."""
    return links.links_of(pupil_id)


@blp.route("/guardian-links/<int:guardian_link_id>", methods=["DELETE"])
@access(
    allow(
        "Whoever may issue the pupil's links may revoke them",
        teacher=link_scopes.link_in_taught_class,
        stubo=link_scopes.link_in_own_school,
        admin=link_scopes.link_exists,
    )
)
@blp.response(200, LinkSchema)
@problems(blp, (409, "Already revoked"))
def revoke_link(guardian_link_id: int):
    """Revoke a guardian link at once (issue a new one to re-open the page)."""
    return links.revoke(current_user, guardian_link_id)


@blp.route("/guardian/<token>", methods=["GET"])
@access(_LINK_HOLDER)
@limiter.limit(guardian_limit)
@blp.response(200, GuardianPageSchema)
@problems(blp, _INVALID, _RATE)
def guardian_page(token: str):
    """The guardian page of one pupil: plan, bookings, agreement, consents (use logged)."""
    return page.view(links.resolve(token))


@blp.route("/guardian/<token>/consents", methods=["POST"])
@access(_LINK_HOLDER)
@limiter.limit(guardian_limit)
@blp.arguments(GuardianConsentInputSchema)
@blp.response(200, GuardianConsentsSchema)
@problems(
    blp,
    _INVALID,
    (403, "From 14 the pupil consents (guardian-consent-by-pupil)"),
    (409, "Consent already in force or already withdrawn"),
    (422, "Provider not booked or recipient not offered"),
    _RATE,
)
def guardian_consent(data: dict, token: str):
    """Give or withdraw a company or handover consent (text version and language recorded)."""
    link = links.resolve(token)
    if data["kind"] == "company":
        page.set_company_consent(link, data["provider_id"], data["given"])
    else:
        page.set_handover_consent(link, data, data["given"])
    return page.consents_of(link)


@blp.route("/guardian/<token>/confirmation", methods=["POST"])
@access(_LINK_HOLDER)
@limiter.limit(guardian_limit)
@blp.arguments(ConfirmationInputSchema)
@blp.response(200, GuardianAgreementSchema)
@problems(blp, _INVALID, (409, "Outdated version or already confirmed"), _RATE)
def guardian_confirmation(data: dict, token: str):
    """The guardians confirm the current Anschlussvereinbarung."""
    return page.confirm_agreement(links.resolve(token), data["vereinbarung_id"])


@blp.route("/guardian/<token>/language", methods=["PUT"])
@access(_LINK_HOLDER)
@limiter.limit(guardian_limit)
@blp.arguments(GuardianLanguageSchema)
@blp.response(200, LinkSchema)
@problems(blp, _INVALID, _RATE)
def guardian_language(data: dict, token: str):
    """The guardians choose their language; the link remembers it."""
    return links.set_language(links.resolve(token), data["language"])


@blp.route("/me/guardian-sharing", methods=["GET"])
@access(allow("A pupil's own choice", pupil=lambda _user, _args: True))
@blp.response(200, SharingSchema)
def my_sharing():
    """What my guardians see on their page."""
    return sharing.view(db.session.get(User, current_user.id))


@blp.route("/me/guardian-sharing", methods=["PUT"])
@access(allow("A pupil's own choice", pupil=lambda _user, _args: True))
@blp.arguments(SharingInputSchema)
@blp.response(200, SharingSchema)
@problems(blp, (403, "Below 14 the guardians see everything (guardian-sharing-by-law)"))
def set_my_sharing(data: dict):
    """From 14: choose what my guardians see."""
    return sharing.set_own(current_user, data)


@blp.route("/pupils/<int:pupil_id>/guardian-requirement", methods=["GET"])
@access(_ISSUERS)
@blp.response(200, SharingSchema)
def guardian_requirement(pupil_id: int):
    """Whether the guardians decide for the pupil (age, or a recorded incapacity)."""
    return sharing.view(db.session.get(User, pupil_id))


@blp.route("/pupils/<int:pupil_id>/guardian-requirement", methods=["PUT"])
@access(_ISSUERS)
@blp.arguments(RequirementInputSchema)
@blp.response(200, SharingSchema)
def set_guardian_requirement(data: dict, pupil_id: int):
    """Record that the pupil cannot consent: the guardians decide as below 14."""
    return sharing.set_required(current_user, pupil_id, data["guardian_required"])


@blp.route("/classes/<int:class_id>/guardian-letters.pdf", methods=["GET"])
@access(
    allow(
        "The class teacher, the school's StuBO and admins print the guardian letters",
        teacher=scopes.class_taught,
        stubo=scopes.class_in_own_school,
        admin=scopes.class_exists,
    )
)
@export_limit
@blp.arguments(LettersQuerySchema, location="query")
@blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="application/pdf",
    description="One page per pupil: explanation in the guardians' language, QR code and link",
)
@problems(blp, (403, "Asked from another site (csrf-cross-site)"), (429, EXPORT_LIMIT_DOC))
def guardian_letters(query: dict, class_id: int):
    """Print guardian letters: each pupil gets a new link (earlier links of the class end)."""
    # A GET that issues links: refuse cross-site navigations (they would end the old links).
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
        raise Forbidden("csrf-cross-site")
    content, filename = letters.render_class(current_user, class_id, query.get("language"))
    return Response(
        content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/me/language", methods=["PUT"])
@access(authenticated("Everyone chooses their own language"))
@blp.arguments(LanguageInputSchema)
@blp.response(200, LanguageSchema)
@problems(blp, (422, "Not offered for the role: staff screens are German and English"))
def set_my_language(data: dict):
    """Remember my language (screens, server messages, e-mails and PDFs follow it)."""
    return languages.set_own(current_user, data["language"])


_CASE_RECEIVER = allow(
    "Only the receiving coordinator writes to the youth of a case",
    bk_coordinator=chain_scopes.case_handed_to_me,
    kommune_coordinator=chain_scopes.case_handed_to_me,
)


@blp.route("/cases/<int:case_id>/messages", methods=["POST"])
@access(_CASE_RECEIVER)
@blp.arguments(MessageInputSchema)
@blp.response(201, SentMessageSchema)
@problems(
    blp,
    (410, "The consent was withdrawn (case-consent-withdrawn)"),
    (
        422,
        "No e-mail handed over (case-without-email: print the letter), or appointment incomplete",
    ),
)
def send_case_message(data: dict, case_id: int):
    """E-mail a template (first contact, reminder, appointment) in the youth's language;
    logged in the case's contact log with channel, template and date."""
    return messages.send(current_user, case_id, data)


@blp.route("/cases/<int:case_id>/letter.pdf", methods=["GET"])
@access(_CASE_RECEIVER)
@blp.arguments(LetterQuerySchema, location="query")
@blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="application/pdf",
    description="Postal letter: address block and the template in the youth's language",
)
@problems(
    blp,
    (410, "The consent was withdrawn (case-consent-withdrawn)"),
    (422, "No postal address handed over, or appointment incomplete"),
)
def case_letter(query: dict, case_id: int):
    """The template as a postal letter (PDF); logged in the contact log as a letter."""
    content, filename = messages.letter(
        current_user, case_id, query["template"], query.get("language"), query
    )
    return Response(
        content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
