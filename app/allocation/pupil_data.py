"""The allocation feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, PupilTable

TABLES = (
    PupilTable("allocation_preferences", APP_DATA, section="allocation"),
    PupilTable("allocation_assignments", APP_DATA, section="allocation"),
)
