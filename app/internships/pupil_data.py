"""The internships feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, SCHOOL_RECORD, PupilTable

TABLES = (
    PupilTable("bookings", APP_DATA, section="internships"),
    PupilTable("booking_days", APP_DATA, section="internships"),
    PupilTable("waitlist_entries", APP_DATA, section="internships"),
    PupilTable("data_transfer_consents", APP_DATA, section="internships"),
    # A school event (the Praktikum agreement, the visit): part of the school's record.
    PupilTable("placements", SCHOOL_RECORD, section="placements"),
)
