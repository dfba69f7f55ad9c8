"""The interests feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, PupilTable

TABLES = (PupilTable("interest_profiles", APP_DATA, view="interest_profiles"),)
