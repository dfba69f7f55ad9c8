"""Statutory transfer to the Agentur für Arbeit (SchülerDÜG NRW, § 31a SGB III; B8).

Exactly the fields name, first name, date of birth, sex, address, school form and certificate —
and nothing else. Abitur-admitted pupils are outside the population. Every transfer is logged
twice: an audit event (purpose statutory_transfer) and a `Handover` record the pupil sees.
"""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from app.anschluss import reference
from app.catalog.models import LeavingCertificate
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import common, identification, rounds
from app.verantwortungskette.models import Handover

# (CSV header, field) — the header is German because the file goes to a German authority.
COLUMNS = (
    ("Name", "name"),
    ("Vorname", "first_name"),
    ("Geburtsdatum", "birth_date"),
    ("Geschlecht", "sex"),
    ("Anschrift", "address"),
    ("Schulform", "school_form"),
    ("Abschluss", "certificate"),
)
assert tuple(field for _h, field in COLUMNS) == common.STATUTORY_FIELDS
SEX_LABELS = {"m": "männlich", "w": "weiblich", "d": "divers", "x": "ohne Angabe"}
CERTIFICATE_PREFIXES = ("Anschlüsse bei einem ", "Anschlüsse bei dem ", "Anschlüsse mit der ")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _certificate_names() -> dict[str, str]:
    names = {}
    for key, text in db.session.execute(select(LeavingCertificate.key, LeavingCertificate.text)):
        for prefix in CERTIFICATE_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        names[key] = text
    return names


EXPECTED_MARK = " (erwartet)"


def _certificate(row, names: dict[str, str]) -> dict:
    if row.achieved_certificate:
        return {
            "certificate": names.get(row.achieved_certificate, ""),
            "certificate_state": "achieved",
        }
    if row.expected_certificate:
        name = names.get(row.expected_certificate, "")
        return {
            "certificate": name + EXPECTED_MARK if name else "",
            "certificate_state": "expected",
        }
    return {"certificate": "", "certificate_state": None}


def _address(row) -> str:
    place = " ".join(part for part in (row.postcode, row.city) if part)
    return ", ".join(part for part in (row.street, place) if part)


def _transferred(pupil_ids: list[int], school_year_id) -> dict[int, object]:
    if not pupil_ids:
        return {}
    rows = db.session.execute(
        select(Handover.pupil_id, Handover.handed_over_at).where(
            Handover.pupil_id.in_(pupil_ids),
            Handover.kind == "statutory",
            Handover.school_year_id == school_year_id,
        )
    )
    return {pupil_id: at for pupil_id, at in rows}


def _records(school: School) -> list[dict]:
    rows = identification.population(school.id)
    school_form = common.schulform_names([school.schulform]).get(school.schulform, school.schulform)
    certificates = _certificate_names()
    return [
        {
            "pupil_id": row.pupil_id,
            "name": row.last_name,
            "first_name": row.first_name,
            "birth_date": row.birth_date,
            "sex": SEX_LABELS.get(row.sex or "", ""),
            "address": _address(row),
            "school_form": school_form,
            # § 31a Abs. 1 Nr. 7 SGB III: the certificate achieved, once the school recorded
            # it; before that the expected one, marked "(erwartet)" (docs/statutory-transfer.md)
            **_certificate(row, certificates),
        }
        for row in rows
    ]


def candidates(staff, school_id: int) -> dict:
    """Who falls under the statutory transfer, with the exact fields and the last transfer."""
    school = db.session.get(School, school_id)
    year = reference.current_school_year()
    records = _records(school)
    done = _transferred([r["pupil_id"] for r in records], year.id if year else None)
    audit.record(
        staff,
        "read",
        "statutory_transfer",
        [r["pupil_id"] for r in records],
        audit.Purpose.STATUTORY_TRANSFER,
        common.STATUTORY_FIELDS,
    )
    for record in records:
        record["transferred_at"] = done.get(record["pupil_id"])
    return {"fields": list(common.STATUTORY_FIELDS), "items": records}


def _selected(records: list[dict], pupil_ids: list[int] | None, done: dict) -> list[dict]:
    if pupil_ids is None:
        return [r for r in records if r["pupil_id"] not in done]
    by_id = {r["pupil_id"]: r for r in records}
    outside = [pupil_id for pupil_id in pupil_ids if pupil_id not in by_id]
    if outside:
        raise Invalid("pupils-outside-statutory-population", field="pupil_ids", ids=outside)
    return [by_id[pupil_id] for pupil_id in dict.fromkeys(pupil_ids)]


def _csv(records: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _field in COLUMNS])
    for record in records:
        cells = []
        for _header, field in COLUMNS:
            value = record[field]
            value = value.isoformat() if hasattr(value, "isoformat") else (value or "")
            cells.append("'" + value if value.startswith(FORMULA_START) else value)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def export(staff, school_id: int, data: dict) -> bytes:
    """Write the CSV for the Agentur and log each transfer; default: not yet transferred."""
    school = db.session.get(School, school_id)
    round_id = data.get("identification_round_id")
    identification_round = rounds.round_for_school(school, round_id) if round_id else None
    year = reference.current_school_year()
    records = _records(school)
    done = _transferred([r["pupil_id"] for r in records], year.id if year else None)
    chosen = _selected(records, data.get("pupil_ids"), done)
    if not chosen:
        raise Invalid("nobody-to-transfer", field="pupil_ids")
    now = clock.now()
    db.session.add_all(
        Handover(
            pupil_id=record["pupil_id"],
            pupil_pseudonym=common.pseudonym(record["pupil_id"]),
            school_id=school.id,
            school_year_id=year.id if year else None,
            kind="statutory",
            legal_basis=common.LEGAL_BASIS_STATUTORY,
            recipient_kind="agentur_fuer_arbeit",
            recipient_name=common.AGENTUR_NAME,
            fields=",".join(common.STATUTORY_FIELDS),
            identification_round_id=identification_round.id if identification_round else None,
            handed_over_by_id=staff.id,
            handed_over_at=now,
        )
        for record in chosen
    )
    db.session.flush()
    audit.record(
        staff,
        "transfer",
        "statutory_transfer",
        [r["pupil_id"] for r in chosen],
        audit.Purpose.STATUTORY_TRANSFER,
        common.STATUTORY_FIELDS,
    )
    return _csv(chosen)
