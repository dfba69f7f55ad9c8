"""Reference look-ups: leaving certificates, Anschluss options, Berufsfelder, school years."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.catalog.models import AnschlussOption, Berufsfeld, LeavingCertificate, SboElement
from app.core import clock, i18n
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import SchoolYear

NO_ANSCHLUSS_OPTIONS = ("NOKEAN", "UNBE", "ABSENZ")


def certificate_key(value: str | None) -> str | None:
    """'SBO 10.7.8', 'SBO_10_7_8' and 'sbo_10_7_8' all name the same certificate."""
    if not value:
        return None
    return value.strip().upper().replace(" ", "_").replace(".", "_")


def today() -> date:
    return clock.today()


def school_year_for(day: date, create: bool = False) -> SchoolYear | None:
    label, starts_on, ends_on = SchoolYear.bounds_for(day)
    year = db.session.scalar(select(SchoolYear).where(SchoolYear.label == label))
    if year is None and create:
        year = SchoolYear(label=label, starts_on=starts_on, ends_on=ends_on)
        db.session.add(year)
        db.session.flush()
    return year


def current_school_year(create: bool = False) -> SchoolYear | None:
    return school_year_for(today(), create=create)


def require_certificate(key: str | None, field: str = "expected_certificate") -> str | None:
    if key is None:
        return None
    normalised = certificate_key(key)
    if db.session.get(LeavingCertificate, normalised) is None:
        raise Invalid("certificate-unknown", field=field)
    return normalised


def certificate_name(key: str, official: str | None = None) -> str:
    """The certificate's name as people know it today (Erster Schulabschluss, MSA …, since
    2022; the SVWS catalogue text still uses the old names): from the catalogues in the
    request's language, else the catalogue text."""
    entry = f"certificate-{certificate_key(key).lower().replace('_', '-')}"
    return i18n.text("fields", entry) or official or key


def certificate_text(key: str) -> str:
    """The certificate's name (for messages: people never see the SBO key)."""
    certificate = db.session.get(LeavingCertificate, certificate_key(key))
    return certificate_name(key, certificate.text if certificate else None)


def require_option(code: str | None, field: str = "option_code") -> AnschlussOption | None:
    if code is None:
        return None
    option = db.session.get(AnschlussOption, code)
    if option is None:
        raise Invalid("option-unknown", field=field)
    return option


def option_fits(option: AnschlussOption, certificate: str) -> bool:
    # The loader may store plain keys or {"key": …, "text": …} entries.
    valid = {
        certificate_key(entry["key"] if isinstance(entry, dict) else entry)
        for entry in option.valid_certificates or ()
    }
    return certificate_key(certificate) in valid


def require_berufsfelder(codes: list[str], field: str = "berufsfelder") -> list[str]:
    if not codes:
        return []
    known = set(db.session.scalars(select(Berufsfeld.kuerzel).where(Berufsfeld.kuerzel.in_(codes))))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise Invalid("berufsfelder-unknown", field=field, codes=unknown)
    return list(dict.fromkeys(codes))


def week_start(day: date) -> date:
    """Monday of the ISO week containing day."""
    return date.fromordinal(day.toordinal() - day.weekday())


def catalog() -> dict:
    """Certificates, options (with the certificates they fit), Berufsfelder and the names of the
    KAoA standard elements (screens name a missing step, never its SBO number): four queries."""
    from app.anschluss.models import STATUSES

    certificates = db.session.execute(select(LeavingCertificate.key, LeavingCertificate.text)).all()
    options = db.session.scalars(select(AnschlussOption)).all()
    fields = db.session.execute(
        select(Berufsfeld.kuerzel, Berufsfeld.text).order_by(Berufsfeld.number)
    ).all()
    steps = db.session.execute(
        select(SboElement.kuerzel, SboElement.text)
        .where(SboElement.level == "merkmal")
        .order_by(SboElement.kuerzel)
    ).all()

    def cert_order(key: str) -> int:
        return int(key.rsplit("_", 1)[-1]) if key.rsplit("_", 1)[-1].isdigit() else 99

    return {
        "certificates": [
            {"code": key, "text": certificate_name(key, text), "official_text": text}
            for key, text in sorted(certificates, key=lambda c: cert_order(c[0]))
        ],
        "options": [
            {
                "code": option.kuerzel,
                "text": option.text,
                "valid_certificates": sorted(
                    {
                        certificate_key(e["key"] if isinstance(e, dict) else e)
                        for e in option.valid_certificates or ()
                    },
                    key=cert_order,
                ),
            }
            for option in options
        ],
        "berufsfelder": [{"code": code, "text": text} for code, text in fields],
        "steps": [{"code": code, "text": text} for code, text in steps],
        "statuses": list(STATUSES),
    }
