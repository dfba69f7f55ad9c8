"""Year-end export of the KAoA records for the school's administration software (SVWS/SchILD).

Per pupil of the school's classes in a school year: one `SchuelerKAoADaten` (the SVWS-Server's
shape) per KAoA step of the pupil's Jahrgang — "teilgenommen" with the Berufsfeld where the
catalogue wants one, or "nicht teilgenommen" — and, where the record knows certificate and
option, the Anschluss (SBO 10.7: the certificate's Zusatzmerkmal with the Anschlussoption).
Ids come from the SVWS catalogues. The SVWS ids of the pupil's Lernabschnitt (`abschnitt`)
and of the record (`id`) are unknown here: they are -1 (the DTO's "not assigned yet"), and
each pupil carries `schuljahr` and `halbjahr`, by which the push (svws_push.py) or an import
finds the Lernabschnitt. Every record is checked against the SVWS rules before it is written;
what does not fit is listed in `skipped` with the reason, never sent half-right.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss.models import Anschluss, Anschlussvereinbarung
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import NotFound
from app.exchange import kaoa_mapping
from app.exchange.svws_catalogue import JAHRGANG_KEYS, Catalogue
from app.extensions import db
from app.portfolio import effective, plan
from app.portfolio.effective import with_pupils
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear

CATALOGUE_SOURCE = "SVWS-Server, svws-asd KAoA catalogues (commit 1304a56), BSD-3-Clause MSB NRW"
HALBJAHR = 2  # year-end: the second half of the school year


def _year(school_year_id: int | None) -> SchoolYear:
    if school_year_id is None:
        label, starts_on, ends_on = SchoolYear.bounds_for(clock.today())
        year = db.session.scalar(select(SchoolYear).where(SchoolYear.label == label))
        return year or SchoolYear(label=label, starts_on=starts_on, ends_on=ends_on)
    year = db.session.get(SchoolYear, school_year_id)
    if year is None:
        raise NotFound("school-year-not-found")
    return year


def _pupils(school_id: int, year: SchoolYear) -> list:
    return db.session.execute(
        select(User, SchoolClass.jahrgang)
        .join(ClassMembership, ClassMembership.pupil_id == User.id)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(SchoolClass.school_id == school_id, SchoolClass.school_year_id == year.id)
        .order_by(User.last_name, User.first_name, User.id)
    ).all()


def _by_pupil(model, pupil_ids: list[int], year_id) -> dict:
    rows = db.session.scalars(
        select(model).where(model.pupil_id.in_(pupil_ids), model.school_year_id == year_id)
    )
    return {row.pupil_id: row for row in rows}


def _exported_steps(steps, jahrgang: str, profile, has_agreement: bool) -> list[tuple]:
    """(step, done) to export for the year: the Jahrgang's steps done or not taken part, its
    mandatory steps not met (at year end: not taken part) — never an optional offer left
    open, nor a mandatory step met in an earlier year —, and the mandatory steps of earlier
    Jahrgänge still unmet (a leaver who never did the Praktikum of grade 9)."""
    planned = {(s.sbo_kuerzel, s.sequence): s for s in plan.steps_for(jahrgang, profile)}
    done = effective.done_counts(steps)
    if has_agreement:
        done["SBO 10.6"] = done.get("SBO 10.6", 0) + 1
    by_key = {step.key: step for step in steps}
    chosen = []
    for step in steps:
        if step.jahrgang != jahrgang:
            continue
        entry = planned.get((step.sbo_kuerzel, step.sequence))
        if step.status == "done" or (step.sbo_kuerzel == "SBO 10.6" and has_agreement):
            chosen.append((step, True))
        elif (
            step.status == "not_taken"
            or entry is not None
            and entry.mandatory
            and plan.unmet([entry], done)
        ):
            chosen.append((step, False))
    earlier = [p for p in plan.due_by(jahrgang, profile) if p.jahrgang != jahrgang]
    for entry in plan.unmet(earlier, done):
        key = (entry.jahrgang, entry.sbo_kuerzel, entry.sequence)
        stored = by_key.get(key)
        chosen.append((stored or effective.EffectiveStep(0, *key, None), False))
    return chosen


def _step_records(catalogue, chosen: list[tuple], jahrgang: str, skipped: list) -> list:
    key = JAHRGANG_KEYS[jahrgang]
    records = []
    for step, done in chosen:
        code = kaoa_mapping.step_code(step.sbo_kuerzel, step.sequence, done, jahrgang, step.booking)
        if code is None:
            skipped.append({"sbo": step.sbo_kuerzel, "reason": "detail-needed"})
            continue
        optional = {}
        if catalogue.optionsart(code) == "BERUFSFELD":
            field = (step.row.berufsfeld if step.row else None) or (step.booking or {}).get(
                "berufsfeld"
            )
            optional["berufsfeld"] = catalogue.id_of("berufsfeld", field)
        if (
            step.status == "not_taken"
            and step.row.not_taken_reason
            and catalogue.optionsart(code) == "FREITEXT"
        ):  # the reason recorded with "nicht teilgenommen" is the catalogue's free text
            optional["bemerkung"] = step.row.not_taken_reason[:255]
        records.append((step.sbo_kuerzel, catalogue.record(code, key, **optional)))
    return records


def _anschluss_record(catalogue, anschluss: Anschluss | None, jahrgang: str) -> list:
    if anschluss is None or anschluss.option_code is None:
        return []
    certificate = anschluss.achieved_certificate or anschluss.expected_certificate
    if certificate is None:
        return []
    option = catalogue.id_of("anschlussoption", anschluss.option_code)
    record = catalogue.record(certificate, JAHRGANG_KEYS[jahrgang], anschlussoption=option)
    return [("SBO 10.7", record)]


def pupil_entry(user, jahrgang, catalogue, steps, anschluss, has_agreement, year, profile) -> dict:
    skipped: list[dict] = []
    chosen = _exported_steps(steps, jahrgang, profile, has_agreement)
    candidates = _step_records(catalogue, chosen, jahrgang, skipped)
    candidates += _anschluss_record(catalogue, anschluss, jahrgang)
    records = []
    for sbo, record in candidates:
        problems = catalogue.problems(record) if record else ["catalogue-missing"]
        if problems:
            skipped.append({"sbo": sbo, "reason": problems[0]})
        else:
            records.append(record)
    return {
        "pupil_id": user.id,
        "external_id": user.external_id,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "birth_date": user.birth_date,
        "jahrgang": jahrgang,
        "schuljahr": year.starts_on.year,
        "halbjahr": HALBJAHR,
        "kaoa": records,
        "skipped": skipped,
    }


def build(school_id: int, school_year_id: int | None = None) -> dict:
    """The export document (a constant number of statements for the whole school)."""
    school = db.session.get(School, school_id)
    year = _year(school_year_id)
    rows = [(user, j) for user, j in _pupils(school_id, year) if j in JAHRGANG_KEYS]
    ids = [user.id for user, _j in rows]
    catalogue = Catalogue.load()
    steps, wheres = with_pupils(ids) if ids else ({}, {})
    records = _by_pupil(Anschluss, ids, year.id) if ids else {}
    agreements = _by_pupil(Anschlussvereinbarung, ids, year.id) if ids else {}
    pupils = [
        pupil_entry(
            user,
            jahrgang,
            catalogue,
            steps.get(user.id, []),
            records.get(user.id),
            user.id in agreements,
            year,
            wheres.get(user.id, effective.NOWHERE).profile,
        )
        for user, jahrgang in rows
    ]
    return {
        "format": "SchuelerKAoADaten",
        "catalogue": CATALOGUE_SOURCE,
        "school": {"schulnummer": school.schulnummer, "name": school.name},
        "school_year": year.label,
        "generated_at": clock.now(),
        "pupils": pupils,
    }


def export(user, school_id: int, school_year_id: int | None = None) -> dict:
    document = build(school_id, school_year_id)
    audit.record(
        user,
        "export",
        "kaoa_export",
        [pupil["pupil_id"] for pupil in document["pupils"]],
        audit.Purpose.CLASS_MANAGEMENT,
        ("identity", "kaoa"),
    )
    return document
