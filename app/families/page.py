"""The guardian page: one pupil, seen and acted on through a guardian link.

Every call logs a use (the pupil sees them in the disclosures). Consents and confirmations
record the text version and the language the guardian read them in.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import agreement as agreements
from app.auth.models import User
from app.catalog.models import AnschlussOption
from app.core import clock
from app.core.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.families import rules
from app.families.models import GuardianLink, GuardianLinkUse
from app.internships import consents as company_consents
from app.internships.views import bookings_of
from app.portfolio.services import get_portfolio
from app.schools.models import School
from app.verantwortungskette import common as chain_common
from app.verantwortungskette import consent as chain_consent

# The bookings the guardian page shows (no cancelled or refused requests).
GUARDIAN_BOOKING_STATES = ("requested", "confirmed", "attended")


def log_use(link: GuardianLink, action: str, subject: str = "", text_version=None) -> None:
    now = clock.now()
    link.last_used_at = now
    db.session.add(
        GuardianLinkUse(
            link_id=link.id,
            pupil_id=link.pupil_id,
            at=now,
            action=action,
            subject=subject[:200],
            language=link.language,
            text_version=text_version,
        )
    )
    db.session.flush()


def _plan(pupil: User) -> dict:
    portfolio = get_portfolio(pupil)
    return {
        "jahrgang": portfolio["jahrgang"],
        "steps": [
            {
                "kind": step["kind"],
                "title": step["official_text"],
                "status": step["status"],
                "date": step["date"],
            }
            for step in portfolio["steps"]
        ],
    }


def _bookings(pupil: User) -> list[dict]:
    return [
        {
            "kind": booking.slot.offer.kind,
            "title": booking.slot.offer.title,
            "provider_name": booking.slot.offer.provider.name,
            "starts_on": booking.slot.starts_on,
            "ends_on": booking.slot.ends_on,
            "status": booking.status,
        }
        for booking in bookings_of([pupil.id])
        if booking.status in GUARDIAN_BOOKING_STATES
    ]


def option_texts(codes: list[str]) -> dict[str, str]:
    rows = db.session.execute(
        select(AnschlussOption.kuerzel, AnschlussOption.text).where(
            AnschlussOption.kuerzel.in_(codes)
        )
    )
    return dict(rows.all())


def _agreement(pupil: User) -> dict | None:
    current = agreements.current(pupil.id)
    if current is None:
        return None
    view = agreements.agreement_view(current)
    codes = [view["wish_option"], *(alt.get("option_code") for alt in view["alternatives"])]
    texts = option_texts([code for code in codes if code])
    return {
        "id": view["id"],
        "version": view["version"],
        "wish": texts.get(view["wish_option"], "") if view["wish_option"] else "",
        "wish_text": view["wish_text"],
        "alternatives": [
            texts.get(alt.get("option_code"), "") or alt.get("text", "")
            for alt in view["alternatives"]
        ],
        "next_steps": [
            {"description": s["description"], "due_on": s["due_on"], "done": s["done"]}
            for s in view["next_steps"]
        ],
        "pupil_confirmed_at": view["confirmed_at"],
        "guardian_confirmed_at": view["guardian_confirmed_at"],
    }


def _consents(pupil: User) -> dict:
    active = company_consents.active_consents([pupil.id])
    company = [
        {
            "provider_id": provider_id,
            "provider_name": name,
            "given": (pupil.id, provider_id) in active,
        }
        for provider_id, name in company_consents.booked_providers(pupil.id)
    ]
    handover = []
    for recipient in chain_consent.recipients_for(pupil):
        found = chain_consent.active_for_choice(pupil.id, recipient)
        handover.append({**recipient, "given": found is not None})
    return {
        "company": company,
        "company_text_version": company_consents.CONSENT_TEXT_VERSION,
        "handover": handover,
        "handover_text_version": chain_common.CONSENT_TEXT_VERSION,
    }


def consents_of(link: GuardianLink) -> dict:
    return _consents(db.session.get(User, link.pupil_id))


def view(link: GuardianLink) -> dict:
    pupil = db.session.get(User, link.pupil_id)
    sharing = rules.sharing_of(pupil.id)
    sections = rules.visible_sections(pupil, sharing)
    decides = rules.guardians_decide(pupil, sharing)
    school = db.session.get(School, pupil.school_id) if pupil.school_id else None
    log_use(link, "view")
    return {
        "pupil_first_name": pupil.first_name,
        "school_name": school.name if school else "",
        "language": link.language,
        "expires_at": link.expires_at,
        "guardians_decide": decides,
        "sections": sorted(sections),
        "plan": _plan(pupil) if "plan" in sections else None,
        "bookings": _bookings(pupil) if "bookings" in sections else None,
        "agreement": _agreement(pupil) if "agreement" in sections else None,
        "consents": _consents(pupil) if decides else None,
    }


def _require_decides(pupil: User) -> None:
    if not rules.guardians_decide(pupil, rules.sharing_of(pupil.id)):
        raise Forbidden("guardian-consent-by-pupil", age=company_consents.SELF_CONSENT_AGE)


def set_company_consent(link: GuardianLink, provider_id: int, given: bool) -> None:
    pupil = db.session.get(User, link.pupil_id)
    _require_decides(pupil)
    names = dict(company_consents.booked_providers(pupil.id))
    if provider_id not in names:
        raise Invalid("consent-provider-not-booked", field="provider_id")
    if given:
        company_consents.give_by_guardian(pupil.id, provider_id)
    else:
        company_consents.revoke_own(pupil, provider_id)
    action = "company_consent_given" if given else "company_consent_withdrawn"
    log_use(link, action, names[provider_id], company_consents.CONSENT_TEXT_VERSION)


def set_handover_consent(link: GuardianLink, data: dict, given: bool) -> None:
    pupil = db.session.get(User, link.pupil_id)
    _require_decides(pupil)
    recipient = _named_recipient(pupil, data)
    if given:
        chain_consent.give_by_guardian(pupil, data)
    else:
        found = chain_consent.active_consent(pupil.id, chain_consent.resolve_recipient(pupil, data))
        if found is None:
            raise NotFound("consent-not-found")
        chain_consent.withdraw(found.id, "guardian")
    action = "handover_consent_given" if given else "handover_consent_withdrawn"
    log_use(link, action, recipient, chain_common.CONSENT_TEXT_VERSION)


def _named_recipient(pupil: User, data: dict) -> str:
    for recipient in chain_consent.recipients_for(pupil):
        if data.get("recipient_id") is not None:
            if recipient["recipient_id"] == data["recipient_id"]:
                return recipient["name"]
            continue
        same_kind = recipient["recipient"] == data.get("recipient")
        if same_kind and recipient["recipient_school_id"] == data.get("recipient_school_id"):
            return recipient["name"]
    raise Invalid("recipient-not-offered", field="recipient")


def confirm_agreement(link: GuardianLink, vereinbarung_id: int) -> dict:
    pupil = db.session.get(User, link.pupil_id)
    if "agreement" not in rules.visible_sections(pupil, rules.sharing_of(pupil.id)):
        raise NotFound("agreement-not-found")
    record = agreements.confirm_by_guardian(pupil.id, vereinbarung_id)
    log_use(link, "agreement_confirmed", f"Version {record.version}")
    return _agreement(pupil)


def uses_of(pupil_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(GuardianLinkUse)
        .where(GuardianLinkUse.pupil_id == pupil_id)
        .order_by(GuardianLinkUse.at.desc(), GuardianLinkUse.id.desc())
        .limit(500)
    )
    return [
        {
            "at": use.at,
            "action": use.action,
            "subject": use.subject,
            "language": use.language,
            "text_version": use.text_version,
        }
        for use in rows
    ]
