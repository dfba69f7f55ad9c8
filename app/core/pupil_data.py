"""How a feature declares the tables that hold a pupil's data (the privacy registry's entries).

Each feature lists its pupil tables once, in its own `pupil_data.py`; `app/privacy/registry.py`
collects them, and the pupil's data export and the retention job are driven by that registry.
Tests walk the database metadata and fail for a table that names a pupil but is not declared.
"""

from __future__ import annotations

from dataclasses import dataclass

# Retention stages, counted from the purpose end (the end of the school year of the pupil's last
# class membership, or the deactivation of the account):
APP_DATA = "app_data"  # deleted RETENTION_APP_DATA_MONTHS after the purpose end
SCHOOL_RECORD = "school_record"  # deleted RETENTION_SCHOOL_RECORD_YEARS after it (VO-DV I § 9)
PSEUDONYMISED = "pseudonymised"  # kept as a log; the pupil column is cleared with school records
ACCOUNT = "account"  # the users row: switched off with app data, anonymised with school records
KEPT = "kept"  # the append-only audit log: its pupil id no longer names anybody afterwards
STAGES = (APP_DATA, SCHOOL_RECORD, PSEUDONYMISED, ACCOUNT, KEPT)


@dataclass(frozen=True)
class PupilTable:
    """One table holding a pupil's data, and what privacy does with it.

    Exactly one of `section` (rows exported as stored, under `sections.<section>`), `view` (the
    export's own top-level view of these rows) or `excluded` (why the export leaves them out).
    """

    name: str
    retention: str
    section: str | None = None
    view: str | None = None
    excluded: str | None = None
    pupil_column: str | None = "pupil_id"
    parent: tuple[str, str] | None = None  # child rows: (parent table, link column)
    pseudonymous: bool = False  # after retention the row names the pupil by keyed pseudonym
    # Rows of other people about the pupil (a teacher's notice "Mia asked for a place"):
    # deleted with the pupil's app data too, not exported (they are the reader's inbox).
    subject_column: str | None = None

    def __post_init__(self) -> None:
        if self.retention not in STAGES:
            raise ValueError(f"{self.name}: unknown retention stage {self.retention!r}")
        if [self.section, self.view, self.excluded].count(None) != 2:
            raise ValueError(f"{self.name}: give exactly one of section, view or excluded")
        if (self.pupil_column is None) == (self.parent is None):
            raise ValueError(f"{self.name}: rows are found by a pupil column or through a parent")
