"""The transition feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import SCHOOL_RECORD, PupilTable

TABLES = (PupilTable("transition_alerts", SCHOOL_RECORD, section="transition"),)
