"""Shared pieces of the Verantwortungskette: legal bases, field sets, pseudonyms, names."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from sqlalchemy import select

from app.catalog.models import Schulform
from app.core.errors import DomainError
from app.extensions import db
from app.schools.models import Kommune, School

CONSENT_PURPOSE = "verantwortungskette"
# vk-2026-2: the text names the recipient organisation, the data categories (with phone and
# e-mail only where ticked) and the retention period; the text itself is in the catalogues
# (frontend/i18n/*/chain.json "consent_text.vk-2026-2").
CONSENT_TEXT_VERSION = "vk-2026-2"

LEGAL_BASIS_CONSENT = "Einwilligung (Art. 6 Abs. 1 lit. a, Art. 7 DSGVO; § 120 Abs. 5 SchulG NRW)"
LEGAL_BASIS_STATUTORY = (
    "Schülerinnen- und Schülerdatenübermittlungsgesetz NRW; § 31a SGB III; BASS 10-44 Nr. 11"
)
AGENTUR_NAME = "Agentur für Arbeit"

# Field categories a receiving coordinator gets (B1) and the § 31a SGB III data set (B8).
CASE_FIELDS = ("identity", "contact", "prior_schooling", "intended_training")
STATUTORY_FIELDS = (
    "name",
    "first_name",
    "birth_date",
    "sex",
    "address",
    "school_form",
    "certificate",
)


class Gone(DomainError):
    """The object existed but its processing has ended (consent withdrawn)."""

    status = 410
    generic_code = "gone"


def pseudonym(pupil_id: int) -> str:
    """A keyed hash standing in for the pupil in logs that outlive the personal data."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"pupil:{pupil_id}".encode(), hashlib.sha256).hexdigest()


def schulform_names(codes) -> dict[str, str]:
    codes = {code for code in codes if code}
    if not codes:
        return {}
    rows = db.session.execute(
        select(Schulform.kuerzel, Schulform.text).where(Schulform.kuerzel.in_(codes))
    )
    return dict(rows.all())


def recipient_name(kind: str, school: School | None, kommune: Kommune | None) -> str:
    if kind == "berufskolleg" and school is not None:
        return school.name
    if kind == "kommune" and kommune is not None:
        # The office's own name usually names its town already ("Kommunale Koordinierung
        # Dortmund"): the town is added only where it does not.
        label = kommune.coordination_name or "Kommunale Koordinierung"
        return label if kommune.name in label else f"{label} {kommune.name}"
    return AGENTUR_NAME
