"""Verantwortungskette: identification rounds, consents, transfers, cases and their contact log.

Legal frame (docs/domain.md §3, §6; docs/security.md B1, B7, B8, B9):
* a `Handover` is one transfer of a pupil's data with its legal basis — either the pupil's
  (or, under 14, the guardian's) consent naming exactly that recipient, or the statutory
  transfer to the Agentur für Arbeit (SchülerDÜG NRW, § 31a SGB III);
* a consent-based handover opens a `VkCase` for the receiving coordinator holding a *copy* of
  the transfer fields only (identity, contact, prior schooling, intended training);
* personal columns are nullable because retention and withdrawal erase them, while the
  transfer log stays as a pseudonymous record (`pupil_pseudonym`, a keyed hash).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# Recipients are named legal entities the Kommune configures (docs/glossary.md "Empfänger"):
# a Jugendberufsagentur is a cooperation of these, never a recipient itself.
RECIPIENT_KINDS = (
    "agentur_fuer_arbeit",
    "jobcenter",
    "jugendhilfe",
    "berufskolleg",
    "kommunale_koordinierung",
)
# The kind a consent, handover and case record for a recipient: the Kommune's coordination
# keeps its former name "kommune"; the others are the organisation's kind.
CASE_KIND = {kind: kind for kind in RECIPIENT_KINDS} | {"kommunale_koordinierung": "kommune"}
RECIPIENTS = tuple(CASE_KIND.values())
TRANSFER_RECIPIENTS = RECIPIENTS
# What a consent may cover beyond the transfer fields every case carries.
OPTIONAL_CATEGORIES = ("phone", "email")
# consent and statutory (SchülerDÜG) handovers; the transition after the summer adds the
# Schulpflicht handover of VO-DV I § 7 to the receiving school and the Schulpflicht case
# opened for the Kommune when a youth did not arrive (app/transition).
TRANSFER_KINDS = ("consent", "statutory", "school_transfer", "schulpflicht")
CONSENT_GIVERS = ("pupil", "guardian")
CASE_STATUSES = (
    "neu",
    "kontaktiert",
    "in_beratung",
    "vermittelt",
    "nicht_erreichbar",
    "abgelehnt",
    "abgeschlossen",
)
# Set by the system when the consent is withdrawn; never by the coordinator.
WITHDRAWN = "widerrufen"
CONTACT_CHANNELS = ("phone", "letter", "email", "visit")
PREFERRED_CHANNELS = ("phone", "email", "letter")
CONTACT_OUTCOMES = (
    "erreicht",
    "nicht_erreicht",
    "nachricht_hinterlassen",
    "termin_vereinbart",
    "termin_wahrgenommen",
    "termin_nicht_wahrgenommen",
    "unterlagen_zugesandt",
    # Logged by the vacancies feature when a coordinator suggests an Ausbildungsplatz.
    "ausbildungsplatz_vorgeschlagen",
)


def _in(column: str, values) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class IdentificationRound(db.Model):
    """An identification round of a Kommune (e.g. round I from 1 March, round II until 31 May)."""

    __tablename__ = "identification_rounds"
    __table_args__ = (
        UniqueConstraint("kommune_id", "school_year_id", "name"),
        CheckConstraint("starts_on <= ends_on", name="ordered"),
        Index("ix_identification_rounds_kommune_starts", "kommune_id", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    name: Mapped[str] = mapped_column(String(60))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # When the lists and counts were frozen after the cut-off (`ends_on`); see round_snapshots.py.
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Recipient(db.Model):
    """A recipient organisation of a Kommune's Verantwortungskette (a named legal entity)."""

    __tablename__ = "recipients"
    __table_args__ = (
        CheckConstraint(_in("kind", RECIPIENT_KINDS), name="kind"),
        CheckConstraint(
            "(kind = 'berufskolleg') = (school_id IS NOT NULL)", name="school_only_for_college"
        ),
        UniqueConstraint("kommune_id", "name"),
        UniqueConstraint("kommune_id", "school_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(200))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    address: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class RecipientCoordinator(db.Model):
    """A coordinator account belongs to one recipient organisation (role recipient_coordinator)."""

    __tablename__ = "recipient_coordinators"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("recipients.id", ondelete="CASCADE"), index=True
    )


class HandoverConsent(db.Model):
    """Consent to hand a pupil's transfer fields to exactly one recipient (Art. 7 DSGVO)."""

    __tablename__ = "handover_consents"
    __table_args__ = (
        CheckConstraint(_in("given_by", CONSENT_GIVERS), name="given_by"),
        CheckConstraint(_in("recipient_kind", RECIPIENTS), name="recipient_kind"),
        CheckConstraint(
            "(recipient_kind = 'berufskolleg' AND recipient_school_id IS NOT NULL) OR "
            "(recipient_kind <> 'berufskolleg' AND recipient_kommune_id IS NOT NULL)",
            name="recipient",
        ),
        CheckConstraint(_in("preferred_channel", PREFERRED_CHANNELS), name="preferred_channel"),
        Index("ix_handover_consents_pupil", "pupil_id", "withdrawn_at"),
        Index("ix_handover_consents_pseudonym", "pupil_pseudonym"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pupil_pseudonym: Mapped[str] = mapped_column(String(64))
    given_by: Mapped[str] = mapped_column(String(8))
    age_at_consent: Mapped[int | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text_version: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(32))
    recipient_kind: Mapped[str] = mapped_column(String(24))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"), index=True)
    recipient_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    recipient_kommune_id: Mapped[int | None] = mapped_column(ForeignKey("kommunen.id"))
    # Why a guardian consents for a pupil of 14 or older (required then; core/consent_age.py).
    guardian_reason: Mapped[str | None] = mapped_column(String(300))
    # What the consent covers beyond the transfer fields (comma-separated OPTIONAL_CATEGORIES),
    # the number the pupil gave for it, and how the pupil prefers to be contacted.
    categories: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(40))
    preferred_channel: Mapped[str | None] = mapped_column(String(8))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_via: Mapped[str | None] = mapped_column(String(8))


class Handover(db.Model):
    """One transfer of a pupil's data, with its legal basis: the log the pupil sees (Art. 15)."""

    __tablename__ = "handovers"
    __table_args__ = (
        CheckConstraint(_in("kind", TRANSFER_KINDS), name="kind"),
        CheckConstraint(_in("recipient_kind", TRANSFER_RECIPIENTS), name="recipient_kind"),
        Index("ix_handovers_school_at", "school_id", "handed_over_at"),
        Index("ix_handovers_pupil", "pupil_id"),
        Index("ix_handovers_pseudonym", "pupil_pseudonym"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pupil_pseudonym: Mapped[str] = mapped_column(String(64))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    school_year_id: Mapped[int | None] = mapped_column(ForeignKey("school_years.id"))
    kind: Mapped[str] = mapped_column(String(16))
    legal_basis: Mapped[str] = mapped_column(String(200))
    consent_id: Mapped[int | None] = mapped_column(
        ForeignKey("handover_consents.id", ondelete="SET NULL")
    )
    recipient_kind: Mapped[str] = mapped_column(String(24))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"))
    recipient_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    recipient_kommune_id: Mapped[int | None] = mapped_column(ForeignKey("kommunen.id"))
    recipient_name: Mapped[str] = mapped_column(String(255))
    fields: Mapped[str] = mapped_column(String(255))
    identification_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("identification_rounds.id", ondelete="SET NULL")
    )
    handed_over_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    handed_over_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    pseudonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    case: Mapped[VkCase | None] = relationship(back_populates="handover", uselist=False)


class VkCase(db.Model):
    """A handed-over young person for the receiving coordinator: transfer fields only."""

    __tablename__ = "vk_cases"
    __table_args__ = (
        CheckConstraint(_in("status", (*CASE_STATUSES, WITHDRAWN)), name="status"),
        CheckConstraint(_in("recipient_kind", RECIPIENTS), name="recipient_kind"),
        Index("ix_vk_cases_school_recipient", "recipient_school_id", "status", "follow_up_on"),
        Index("ix_vk_cases_kommune_recipient", "recipient_kommune_id", "status", "follow_up_on"),
        Index("ix_vk_cases_recipient", "recipient_id", "status", "follow_up_on"),
        CheckConstraint(_in("preferred_channel", PREFERRED_CHANNELS), name="preferred_channel"),
        Index("ix_vk_cases_pupil", "pupil_id"),
        Index("ix_vk_cases_closed", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(
        ForeignKey("handovers.id", ondelete="CASCADE"), unique=True
    )
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recipient_kind: Mapped[str] = mapped_column(String(24))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"))
    recipient_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    recipient_kommune_id: Mapped[int | None] = mapped_column(ForeignKey("kommunen.id"))
    status: Mapped[str] = mapped_column(String(20), default="neu")
    anschluss_option: Mapped[str | None] = mapped_column(ForeignKey("anschluss_options.kuerzel"))
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The transfer fields, copied at handover (what was transmitted is what the recipient has).
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(5))
    city: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(255))
    # only when the consent covers them (and never for a statutory or Schulpflicht case)
    phone: Mapped[str | None] = mapped_column(String(40))
    preferred_channel: Mapped[str | None] = mapped_column(String(8))
    school_name: Mapped[str | None] = mapped_column(String(255))
    school_form: Mapped[str | None] = mapped_column(String(200))
    certificate: Mapped[str | None] = mapped_column(String(16))
    wish_option: Mapped[str | None] = mapped_column(String(16))
    wish_text: Mapped[str | None] = mapped_column(String(200))

    handover: Mapped[Handover] = relationship(back_populates="case")
    contacts: Mapped[list[CaseContact]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseContact.contacted_on"
    )


class CaseContact(db.Model):
    """A contact attempt: date, channel and an outcome from a fixed list — no free text (B9)."""

    __tablename__ = "vk_case_contacts"
    __table_args__ = (
        CheckConstraint(_in("channel", CONTACT_CHANNELS), name="channel"),
        CheckConstraint(_in("outcome", CONTACT_OUTCOMES), name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("vk_cases.id", ondelete="CASCADE"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(32))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # A message written from the case: which template (never a copy of its text)
    template: Mapped[str | None] = mapped_column(String(16))

    case: Mapped[VkCase] = relationship(back_populates="contacts")
