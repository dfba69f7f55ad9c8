"""Registrations import: a school or Berufskolleg uploads what the registration portal knows
(angemeldet, eingeladen, aufgenommen, abgelehnt …) and the applications follow — instead of
typing every status twice.

- A school's file names its own pupils (by SchILD id, else name and birth date) and the school
  or company applied to; a matching application is updated, a new one created.
- A Berufskolleg's file names youths who applied there; only applications that already name
  this Berufskolleg are updated (it learns nobody new from the import).

Preview first (nothing written), then commit: all rows or none, each rejected row named with
its column. Importing the same file again changes nothing. The column mapping used can be
saved for the school and is then found again for the next file with the same headers.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from app.anschluss import applications, record
from app.anschluss.models import Anschluss, Application
from app.auth.models import User
from app.catalog.models import AnschlussOption
from app.core import audit, clock, i18n
from app.exchange import registrations_csv as parsing
from app.exchange.models import ImportMapping
from app.extensions import db
from app.schools.models import School

KIND = "registrations"
UNMATCHED_REASONS = ("pupil", "application")  # nobody matches; no application names the school
DATE_FIELD = {"beworben": "applied_on", "einladung": "applied_on"}


def _saved(school_id: int) -> ImportMapping | None:
    return db.session.scalar(
        select(ImportMapping).where(
            ImportMapping.school_id == school_id, ImportMapping.kind == KIND
        )
    )


def _candidates(school: School, rows: list) -> list[User]:
    """The pupils the rows may name (one statement): the school's own, or for a Berufskolleg
    those with an application to it."""
    ids = {r.values.get("external_id") for r in rows} - {None}
    names = {r.values.get("last_name") for r in rows} - {None}
    query = select(User).where(
        User.role == "pupil", or_(User.external_id.in_(ids), User.last_name.in_(names))
    )
    if school.is_berufskolleg:
        applied = select(Application.pupil_id).where(Application.target_school_id == school.id)
        return list(db.session.scalars(query.where(User.id.in_(applied))))
    return list(db.session.scalars(query.where(User.school_id == school.id)))


def _find_pupil(values: dict, pupils: list[User]) -> User | None:
    if values.get("external_id"):
        return next((p for p in pupils if p.external_id == values["external_id"]), None)
    key = (values.get("last_name"), values.get("first_name"), values.get("birth_date"))
    return next((p for p in pupils if (p.last_name, p.first_name, p.birth_date) == key), None)


class Context:
    """Everything the rows are compared with, loaded in a constant number of statements."""

    def __init__(self, school: School, rows: list):
        self.school = school
        self.pupils = _candidates(school, rows)
        ids = [p.id for p in self.pupils]
        self.years = record.record_years(ids) if ids else {}
        numbers = {r.values.get("target_schulnummer") for r in rows} - {None}
        self.targets = {
            s.schulnummer: s
            for s in db.session.scalars(select(School).where(School.schulnummer.in_(numbers)))
        }
        self.applications = list(
            db.session.scalars(select(Application).where(Application.pupil_id.in_(ids)))
        )
        self.closed = set(
            db.session.execute(
                select(Anschluss.pupil_id, Anschluss.school_year_id).where(
                    Anschluss.pupil_id.in_(ids), Anschluss.closed_at.is_not(None)
                )
            ).all()
        )


def _target(values: dict, context: Context) -> dict | None:
    if context.school.is_berufskolleg:
        return {"target_kind": "school", "target_school_id": context.school.id}
    number = values.get("target_schulnummer")
    if number:
        school = context.targets.get(number)
        return {"target_kind": "school", "target_school_id": school.id} if school else None
    return {"target_kind": "other", "target_name": values.get("target_name") or ""}


def _existing(pupil: User, year_id, target: dict, values: dict, context: Context):
    own = [
        a for a in context.applications if a.pupil_id == pupil.id and a.school_year_id == year_id
    ]
    if values.get("external_ref"):
        found = next((a for a in own if a.external_ref == values["external_ref"]), None)
        if found is not None:
            return found
    if target.get("target_school_id"):
        return next((a for a in own if a.target_school_id == target["target_school_id"]), None)
    return next((a for a in own if a.target_name == target.get("target_name")), None)


def _changes(values: dict) -> dict:
    changes = {"status": values["status"]}
    if values.get("option"):
        changes["option_code"] = values["option"]
    if values.get("date"):
        changes[DATE_FIELD.get(values["status"], "decided_on")] = values["date"]
    return changes


def _decide(row, context: Context, plan: dict) -> None:
    values = row.values
    pupil = _find_pupil(values, context.pupils)
    if pupil is None:
        plan["unmatched"].append({"row": row.row, "reason": "pupil"})
        return
    year = context.years.get(pupil.id)
    target = _target(values, context)
    if target is None:
        row.errors.append(("target_schulnummer", "registration-school-unknown"))
        return
    if year is None or (pupil.id, year.id) in context.closed:
        row.errors.append(("status", "registration-record-closed"))
        return
    existing = _existing(pupil, year.id, target, values, context)
    changes = _changes(values)
    entry = {"row": row.row, "pupil_id": pupil.id, "name": pupil.full_name}
    if existing is None:
        if context.school.is_berufskolleg:
            plan["unmatched"].append({"row": row.row, "reason": "application"})
        else:
            plan["created"].append(
                {
                    **entry,
                    "to_status": values["status"],
                    "_data": {**target, **changes, "external_ref": values.get("external_ref")},
                }
            )
    elif any(getattr(existing, k) != v for k, v in changes.items()):
        plan["updated"].append(
            {
                **entry,
                "from_status": existing.status,
                "to_status": values["status"],
                "_id": existing.id,
                "_data": changes,
            }
        )
    else:
        plan["unchanged"] += 1


def _rejected(rows: list, mapping: dict) -> list[dict]:
    return [
        {
            "row": row.row,
            "field": mapping.get(name, name),
            "code": code,
            "reason": i18n.text("fields", code) or code,
        }
        for row in rows
        for name, code in row.errors
    ]


def _write(user, plan: dict) -> None:
    for entry in plan["created"]:
        applications.create(user, entry["pupil_id"], entry["_data"], source="import")
    for entry in plan["updated"]:
        applications.update(user, entry["_id"], entry["_data"])


def _save_mapping(user, school_id: int, mapping: dict) -> None:
    saved = _saved(school_id) or ImportMapping(school_id=school_id, kind=KIND)
    saved.columns = dict(mapping)
    saved.updated_at = clock.now()
    saved.updated_by_id = user.id
    db.session.add(saved)
    db.session.flush()


def _public(entries: list[dict]) -> list[dict]:
    """The plan's entries without what only the writer needs (keys starting with _)."""
    return [{k: v for k, v in entry.items() if not k.startswith("_")} for entry in entries]


def import_registrations(user, school_id: int, data: bytes, form: dict) -> dict:
    """Preview or commit; on commit with a rejected row nothing is written (`committed` false)."""
    school = db.session.get(School, school_id)
    table = parsing.read(data)
    saved = _saved(school_id)
    mapping = parsing.mapping_for(
        table.header, form.get("mapping"), saved.columns if saved else None
    )
    parsing.check_mapping(mapping, needs_target=not school.is_berufskolleg)
    options = set(db.session.scalars(select(AnschlussOption.kuerzel)))
    rows = parsing.parse_rows(table, mapping, options)
    context = Context(school, rows)
    plan = {"created": [], "updated": [], "unchanged": 0, "unmatched": []}
    for row in rows:
        if not row.errors:
            _decide(row, context, plan)
    rejected = _rejected(rows, mapping)
    committed = form["mode"] == "commit" and not rejected
    if committed:
        _write(user, plan)
        if form.get("save_mapping"):
            _save_mapping(user, school_id, mapping)
    purpose = (
        audit.Purpose.SCHOOL_TRANSFER if school.is_berufskolleg else audit.Purpose.CAREER_GUIDANCE
    )
    matched = [e["pupil_id"] for e in plan["created"] + plan["updated"]]
    audit.record(user, "import", KIND, matched, purpose, ("identity", "applications"))
    return {
        "mode": form["mode"],
        "committed": committed,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "headers": table.header,
        "mapping": mapping,
        "mapping_saved": bool(committed and form.get("save_mapping")),
        "created": _public(plan["created"]),
        "updated": _public(plan["updated"]),
        "unchanged": plan["unchanged"],
        "unmatched": plan["unmatched"],
        "rejected": rejected,
    }
