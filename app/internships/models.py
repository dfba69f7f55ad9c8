"""Providers (companies, Träger), their offers, slots, bookings, waiting lists and consents.

Capacity lives in the database: `slots.booked` is changed only by a conditional UPDATE
(`booked < capacity`), backed by CHECK constraints; `booking_days` holds one row per pupil
and occupied school day with UNIQUE(pupil_id, day), so two bookings of one pupil can never
share a day, whatever the interleaving of requests.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

OFFER_KINDS = ("bfe", "praktikum", "praxiskurs", "langzeitpraktikum")
OFFER_STATES = ("draft", "published", "withdrawn")
BOOKING_STATES = ("requested", "confirmed", "rejected", "cancelled", "attended", "no_show")
# States in which a booking holds a place (and its days).
ACTIVE_STATES = ("requested", "confirmed", "attended", "no_show")
BOOKING_SOURCES = ("pupil", "waitlist", "allocation", "teacher")
# The 16 KAoA-Berufsfelder (SVWS keys); the catalog table holds their names.
BERUFSFELDER = (
    "BAV",
    "D",
    "EL",
    "G",
    "GESGE",
    "ITC",
    "KKG",
    "LANAUM",
    "M",
    "ME",
    "N",
    "PRFE",
    "SP",
    "TEC",
    "VL",
    "WIVE",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Provider(db.Model):
    """A company or Träger offering places; its offers go live once the Kommune approves it."""

    __tablename__ = "providers"
    __table_args__ = (CheckConstraint("kind IN ('company', 'traeger')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="company")
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id"), index=True)
    postcode: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class Offer(db.Model):
    """What a provider offers: BFE day, Betriebspraktikum, Praxiskurs or Langzeitpraktikum."""

    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint(_in("kind", OFFER_KINDS), name="kind"),
        CheckConstraint(_in("status", OFFER_STATES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(120), default="")
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")
    min_jahrgang: Mapped[int] = mapped_column(default=8)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=clock.now, onupdate=clock.now
    )

    provider: Mapped[Provider] = relationship()
    fields: Mapped[list[OfferBerufsfeld]] = relationship(
        cascade="all, delete-orphan", order_by="OfferBerufsfeld.position"
    )
    slots: Mapped[list[Slot]] = relationship(back_populates="offer", order_by="Slot.starts_on")

    @property
    def berufsfelder(self) -> list[str]:
        return [f.berufsfeld for f in self.fields]


class OfferBerufsfeld(db.Model):
    __tablename__ = "offer_berufsfelder"
    __table_args__ = (
        UniqueConstraint("offer_id", "berufsfeld"),
        CheckConstraint(_in("berufsfeld", BERUFSFELDER), name="berufsfeld"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    berufsfeld: Mapped[str] = mapped_column(String(8), index=True)
    position: Mapped[int] = mapped_column(default=0)


class Slot(db.Model):
    """A bookable date (BFE) or period (Praktikum) with daily hours and a capacity."""

    __tablename__ = "slots"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
        CheckConstraint("starts_on <= ends_on", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    daily_start: Mapped[time]
    daily_end: Mapped[time]
    # Rest breaks within the daily times (JArbSchG § 11); None: not stated.
    break_minutes: Mapped[int | None]
    # Langzeitpraktikum: days of the week (0 = Monday) as digits, e.g. "03"; "" = every school day.
    weekdays: Mapped[str] = mapped_column(String(7), default="")
    capacity: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    offer: Mapped[Offer] = relationship(back_populates="slots")

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class Booking(db.Model):
    """A pupil's place on a slot. Holds the place from the request; binding once confirmed."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("pupil_id", "slot_id"),
        CheckConstraint(_in("status", BOOKING_STATES), name="status"),
        CheckConstraint(_in("source", BOOKING_SOURCES), name="source"),
        CheckConstraint(_in("berufsfeld", BERUFSFELDER), name="berufsfeld"),
        Index("ix_bookings_slot_status", "slot_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id", ondelete="CASCADE"))
    berufsfeld: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="requested")
    source: Mapped[str] = mapped_column(String(12), default="pupil")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    attendance_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attendance_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    slot: Mapped[Slot] = relationship()


class BookingDay(db.Model):
    """One occupied school day of an active booking: no pupil can be in two places a day."""

    __tablename__ = "booking_days"
    __table_args__ = (UniqueConstraint("pupil_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date]


class WaitlistEntry(db.Model):
    """A pupil waiting for a place on a full slot; promoted in order of joining."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (UniqueConstraint("slot_id", "pupil_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id", ondelete="CASCADE"), index=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    berufsfeld: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class DataTransferConsent(db.Model):
    """Consent to pass a pupil's minimal data to one provider (§ 120(5) SchulG NRW).

    Given by the pupil from 14, otherwise by a guardian and recorded by the teacher.
    A revoked consent is kept (with `revoked_at`) as evidence; a new one is a new row.
    """

    __tablename__ = "data_transfer_consents"
    __table_args__ = (
        CheckConstraint("given_by IN ('pupil', 'guardian')", name="given_by"),
        Index("ix_data_transfer_consents_pupil_provider", "pupil_id", "provider_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id", ondelete="CASCADE"))
    given_by: Mapped[str] = mapped_column(String(10))
    pupil_age: Mapped[int | None]
    text_version: Mapped[str] = mapped_column(String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Why a guardian consents for a pupil of 14 or older (required then; core/consent_age.py).
    guardian_reason: Mapped[str | None] = mapped_column(String(300))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


PLACEMENT_KINDS = ("praktikum", "praxiselement")
PLACEMENT_STATES = ("proposed", "confirmed", "withdrawn")
INSTITUTION_TYPES = ("company", "university", "other")


class Placement(db.Model):
    """A placement the pupil found themselves, at a company (university, institution) that
    is not in the system: the Sek I Betriebspraktikum (SBO 6.1) or the Sek II Praxiselemente
    (SBO 9.1). Recorded by the pupil or a teacher, confirmed by the teacher; a visiting
    teacher plans and records the visit; the company's certificate is recorded at the end."""

    __tablename__ = "placements"
    __table_args__ = (
        CheckConstraint(_in("kind", PLACEMENT_KINDS), name="kind"),
        CheckConstraint(_in("status", PLACEMENT_STATES), name="status"),
        CheckConstraint(_in("institution_type", INSTITUTION_TYPES), name="institution_type"),
        CheckConstraint("starts_on <= ends_on", name="ordered"),
        CheckConstraint("daily_start < daily_end", name="day_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="praktikum")
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    jahrgang: Mapped[str] = mapped_column(String(4))
    institution_type: Mapped[str] = mapped_column(String(12), default="company")
    company_name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(255), default="")
    berufsfeld: Mapped[str | None] = mapped_column(String(8))
    occupation: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    # Days of the week (0 = Monday) as digits for single days; "" = every school day (block).
    weekdays: Mapped[str] = mapped_column(String(7), default="")
    daily_start: Mapped[time]
    daily_end: Mapped[time]
    break_minutes: Mapped[int | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    visiting_teacher_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    visit_planned_on: Mapped[date | None]
    visited_on: Mapped[date | None]
    visit_note: Mapped[str] = mapped_column(Text, default="")
    certificate_received_on: Mapped[date | None]
    assessment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
