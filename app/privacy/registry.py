"""The one registry of tables holding a pupil's data: every feature's `pupil_data.TABLES`.

The pupil's data export (`export_records`) and the retention job (`retention`) read it; the
privacy tests walk the database metadata and fail for any table naming a pupil that is missing
here. A new feature with pupil data adds a `pupil_data.py` and one line below.
"""

from __future__ import annotations

from app.allocation import pupil_data as allocation
from app.anschluss import pupil_data as anschluss
from app.auth import pupil_data as auth
from app.core.pupil_data import KEPT, PupilTable
from app.families import pupil_data as families
from app.interests import pupil_data as interests
from app.internships import pupil_data as internships
from app.notifications import pupil_data as notifications
from app.portfolio import pupil_data as portfolio
from app.schools import pupil_data as schools
from app.transition import pupil_data as transition
from app.vacancies import pupil_data as vacancies
from app.verantwortungskette import pupil_data as verantwortungskette

# The audit log is core's: append-only, it outlives the account (its pupil id has no FK).
AUDIT = (PupilTable("audit_events", KEPT, view="access_log"),)

TABLES: tuple[PupilTable, ...] = (
    *auth.TABLES,
    *schools.TABLES,
    *interests.TABLES,
    *portfolio.TABLES,
    *internships.TABLES,
    *allocation.TABLES,
    *notifications.TABLES,
    *anschluss.TABLES,
    *verantwortungskette.TABLES,
    *transition.TABLES,
    *vacancies.TABLES,
    *families.TABLES,
    *AUDIT,
)
BY_NAME = {table.name: table for table in TABLES}
if len(BY_NAME) != len(TABLES):  # pragma: no cover - a declaration error, caught at import
    raise RuntimeError("a pupil table is declared twice")


def in_stage(stage: str) -> tuple[PupilTable, ...]:
    return tuple(table for table in TABLES if table.retention == stage)


def sections() -> dict[str, tuple[PupilTable, ...]]:
    """Export category → its tables (rows exported as stored), in declaration order."""
    found: dict[str, list[PupilTable]] = {}
    for table in TABLES:
        if table.section:
            found.setdefault(table.section, []).append(table)
    return {category: tuple(tables) for category, tables in found.items()}


def exported_tables() -> dict[str, str]:
    """Table name → where it appears in the export document."""
    return {
        table.name: f"sections.{table.section}.{table.name}" if table.section else table.view
        for table in TABLES
        if table.section or table.view
    }


def not_exported() -> dict[str, str]:
    """Table name → why the export leaves it out."""
    return {table.name: table.excluded for table in TABLES if table.excluded}
