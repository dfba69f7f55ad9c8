"""Which tables hold a pupil's data, found by walking the database metadata (independently of
the privacy registry, which the tests check against it)."""

from __future__ import annotations

from app.extensions import db as _db
from app.privacy import registry

# Columns holding a pupil id without a foreign key (the audit log must outlive the account).
WITHOUT_FK = {"audit_events": "pupil_id"}
# Tables that hold pupil data through a parent row, as the registry declares them:
# table → (link column, parent table).
THROUGH_PARENT = {
    entry.name: (entry.parent[1], entry.parent[0]) for entry in registry.TABLES if entry.parent
}
# Foreign keys to users that only ever name staff acting, never the pupil the row is about.
STAFF_ONLY = {
    ("class_teachers", "teacher_id"): "the teachers of a class",
    ("providers", "approved_by_id"): "the coordinator who approved a provider",
    ("allocation_rounds", "created_by_id"): "staff running an allocation round",
    ("allocation_rounds", "run_by_id"): "staff running an allocation round",
    ("allocation_rounds", "published_by_id"): "staff running an allocation round",
    ("identification_rounds", "created_by_id"): "the Kommune coordinator of a round",
    ("round_schools", "completed_by_id"): "the StuBO who reported a round complete",
    ("plan_declarations", "confirmed_by_id"): "the class teacher who confirmed an answer",
    ("class_memberships", "exam_admission_recorded_by_id"): "who recorded an exam admission",
    ("vk_case_contacts", "recorded_by_id"): "the staff member who recorded a contact",
    ("anschluss_changes", "changed_by_id"): "who changed an Anschluss (history of its row)",
    ("import_mappings", "updated_by_id"): "the staff member who saved a column mapping",
    ("svws_connections", "updated_by_id"): "the staff member who set up the SVWS connection",
    ("vacancies", "created_by_id"): "the company contact or coordinator entering a vacancy",
    ("vacancy_suggestions", "suggested_by_id"): "the coordinator who suggested a vacancy",
}


def _user_fk_columns(table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == "users"]


def pupil_tables() -> dict[str, list[str]]:
    """table → its columns naming the pupil the row is about (empty: through a parent)."""
    found: dict[str, list[str]] = {}
    for table in _db.metadata.sorted_tables:
        columns = [c for c in _user_fk_columns(table) if (table.name, c) not in STAFF_ONLY]
        if table.name == "users":
            columns = ["id"]
        if table.name in WITHOUT_FK:
            columns.append(WITHOUT_FK[table.name])
        if columns or table.name in THROUGH_PARENT:
            found[table.name] = columns
    return found
