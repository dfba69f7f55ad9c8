"""Apprenticeship vacancies (Ausbildungsplätze), a pupil's interest in one, and a coordinator's
suggestion of one in a Verantwortungskette case with its outcome.

A vacancy belongs to a Kommune: a provider's vacancy to its provider's Kommune (live once the
Kommune approved the provider, as for offers), an imported one to the Kommune it was imported
for (`source = 'ba'`, with the Bundesagentur's reference number and link). `berufsfeld` is
copied from the occupation so that matching and the supply count need no join.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

VACANCY_STATES = ("open", "filled", "expired", "withdrawn")
VACANCY_SOURCES = ("provider", "ba")
# What a coordinator records after suggesting a vacancy (beworben, Einladung, Zusage, Absage).
SUGGESTION_OUTCOMES = ("vorgeschlagen", "beworben", "einladung", "zusage", "absage")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Vacancy(db.Model):
    """One Ausbildungsplatz offer: occupation, start, places, place of work, what it expects."""

    __tablename__ = "vacancies"
    __table_args__ = (
        CheckConstraint(_in("status", VACANCY_STATES), name="status"),
        CheckConstraint(_in("source", VACANCY_SOURCES), name="source"),
        CheckConstraint("places >= 1", name="places_positive"),
        CheckConstraint(
            "(source = 'provider' AND provider_id IS NOT NULL) OR "
            "(source = 'ba' AND external_ref IS NOT NULL)",
            name="origin",
        ),
        UniqueConstraint("kommune_id", "source", "external_ref"),
        Index("ix_vacancies_kommune_status", "kommune_id", "status", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"), index=True)
    source: Mapped[str] = mapped_column(String(8), default="provider")
    external_ref: Mapped[str | None] = mapped_column(String(64))
    external_url: Mapped[str | None] = mapped_column(String(500))
    employer_name: Mapped[str] = mapped_column(String(200), default="")
    occupation_id: Mapped[int | None] = mapped_column(ForeignKey("occupations.id"))
    title: Mapped[str] = mapped_column(String(200))
    kldb_code: Mapped[str | None] = mapped_column(String(8))
    berufsfeld: Mapped[str | None] = mapped_column(String(8), index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    places: Mapped[int] = mapped_column(default=1)
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    usual_certificate: Mapped[str | None] = mapped_column(ForeignKey("leaving_certificates.key"))
    apply_until: Mapped[date | None] = mapped_column(Date)
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # Imported vacancies: when the source last listed it (an import that no longer finds it
    # expires it).
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VacancyInterest(db.Model):
    """A pupil's "Interesse" in a vacancy. The company sees the pupil only while the pupil's
    consent to pass the data to that provider holds (data_transfer_consents, as for bookings)."""

    __tablename__ = "vacancy_interests"
    __table_args__ = (UniqueConstraint("vacancy_id", "pupil_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VacancySuggestion(db.Model):
    """A vacancy a coordinator suggested to a youth in a case, logged in the case's contact log,
    and its outcome; an outcome is also the youth's application (`application_id`)."""

    __tablename__ = "vacancy_suggestions"
    __table_args__ = (
        UniqueConstraint("case_id", "vacancy_id"),
        CheckConstraint(_in("outcome", SUGGESTION_OUTCOMES), name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("vk_cases.id", ondelete="CASCADE"), index=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    pupil_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(16), default="vorgeschlagen")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("vk_case_contacts.id", ondelete="SET NULL")
    )
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("anschluss_applications.id", ondelete="SET NULL")
    )
    suggested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    suggested_on: Mapped[date] = mapped_column(Date)
    outcome_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
