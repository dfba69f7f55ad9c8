"""One rule for who consents to passing a pupil's data on (docs/security.md, L1).

It applies to every consent the app records — to a company (BFE, Praktikum) and to a recipient
of the Verantwortungskette:

* from 14 the pupil consents (in the app, or on paper that staff record);
* below 14, or when the birth date is unknown, a guardian consents;
* from 14 a guardian may consent instead only where the school records why the pupil cannot
  (a reason is required, and the recording is audited like every consent staff record).

Sources: Art. 8 DSGVO gives no age for consent outside information-society services; NRW
school data-protection guidance and the Bundesagentur für Arbeit treat pupils from 14 as
able to consent themselves (docs/glossary.md "Einwilligung").
"""

from __future__ import annotations

from datetime import date

from app.core.errors import Invalid

SELF_CONSENT_AGE = 14
GIVERS = ("pupil", "guardian")
REASON_MAX = 300


def age_on(birth_date: date | None, day: date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def may_consent_myself(age: int | None) -> bool:
    return age is not None and age >= SELF_CONSENT_AGE


def check_giver(age: int | None, given_by: str, guardian_reason: str | None) -> str | None:
    """Refuse a giver the rule does not allow; returns the reason to store (guardians from 14)."""
    reason = (guardian_reason or "").strip() or None
    if not may_consent_myself(age):
        if given_by != "guardian":
            raise Invalid("consent-by-guardian-below-age", field="given_by", age=SELF_CONSENT_AGE)
        return None
    if given_by == "guardian" and reason is None:
        raise Invalid(
            "guardian-consent-needs-reason", field="guardian_reason", age=SELF_CONSENT_AGE
        )
    return reason if given_by == "guardian" else None
