"""Reference catalogues loaded from seeds/: read-only for the app."""

from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class Schulform(db.Model):
    __tablename__ = "schulformen"

    kuerzel: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(4), default="")
    text: Mapped[str] = mapped_column(String(200))


class Berufsfeld(db.Model):
    """One of the 16 KAoA-Berufsfelder."""

    __tablename__ = "berufsfelder"

    kuerzel: Mapped[str] = mapped_column(String(8), primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    text: Mapped[str] = mapped_column(String(200))


class SboElement(db.Model):
    """An element of the KAoA standard-element catalogue (SBO), e.g. SBO 6.1 Berufsfelderkundung."""

    __tablename__ = "sbo_elements"

    kuerzel: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(32), default="")
    jahrgaenge: Mapped[str] = mapped_column(String(200), default="")


class LeavingCertificate(db.Model):
    """Expected/achieved leaving certificate, keyed SBO_10_7_1 … SBO_10_7_13."""

    __tablename__ = "leaving_certificates"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    text: Mapped[str] = mapped_column(String(300))


class AnschlussOption(db.Model):
    """One of the official Anschluss options with the certificates it is valid for."""

    __tablename__ = "anschluss_options"

    kuerzel: Mapped[str] = mapped_column(String(16), primary_key=True)
    text: Mapped[str] = mapped_column(String(300))
    valid_certificates: Mapped[list] = mapped_column(JSON, default=list)


class Occupation(db.Model):
    """A German occupation at skilled-worker level with a derived RIASEC profile."""

    __tablename__ = "occupations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_de: Mapped[str] = mapped_column(String(200))
    kldb_code: Mapped[str] = mapped_column(String(8), index=True)
    berufsfeld: Mapped[str | None] = mapped_column(String(8))
    r: Mapped[float]
    i: Mapped[float]
    a: Mapped[float]
    s: Mapped[float]
    e: Mapped[float]
    c: Mapped[float]
    riasec_top3: Mapped[str] = mapped_column(String(3), default="")


class SvwsKaoaEntry(db.Model):
    """An entry of the SVWS-Server's KAoA catalogues with its SVWS id, for the exchange with
    the school's administration software (SchuelerKAoADaten refer to these ids).

    `catalogue` is kategorie, merkmal, zusatzmerkmal, ebene4, anschlussoption or berufsfeld;
    `parent` the bezeichner one level up; `optionsart` what a Zusatzmerkmal needs beside it;
    `jahrgaenge` (Kategorie) and `anzeige` (Anschlussoption → its Zusatzmerkmale) as lists.
    """

    __tablename__ = "svws_kaoa_entries"

    catalogue: Mapped[str] = mapped_column(String(16), primary_key=True)
    bezeichner: Mapped[str] = mapped_column(String(32), primary_key=True)
    kuerzel: Mapped[str] = mapped_column(String(32))
    svws_id: Mapped[int]
    parent: Mapped[str | None] = mapped_column(String(32))
    optionsart: Mapped[str | None] = mapped_column(String(24))
    jahrgaenge: Mapped[list] = mapped_column(JSON, default=list)
    anzeige: Mapped[list] = mapped_column(JSON, default=list)
