"""The Anschluss feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import SCHOOL_RECORD, PupilTable

TABLES = (
    PupilTable("anschluesse", SCHOOL_RECORD, section="anschluss"),
    PupilTable(
        "anschluss_changes",
        SCHOOL_RECORD,
        section="anschluss",
        pupil_column=None,
        parent=("anschluesse", "anschluss_id"),
    ),
    PupilTable("anschluss_reports", SCHOOL_RECORD, section="anschluss"),
    PupilTable("anschluss_applications", SCHOOL_RECORD, section="anschluss"),
    PupilTable("anschlussvereinbarungen", SCHOOL_RECORD, section="anschlussvereinbarungen"),
    PupilTable("anschluss_next_steps", SCHOOL_RECORD, section="anschlussvereinbarungen"),
)
