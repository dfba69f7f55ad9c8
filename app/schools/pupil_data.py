"""The schools feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import SCHOOL_RECORD, PupilTable

TABLES = (
    PupilTable("class_memberships", SCHOOL_RECORD, section="class_memberships"),
    PupilTable("pupil_target_groups", SCHOOL_RECORD, section="target_groups"),
)
