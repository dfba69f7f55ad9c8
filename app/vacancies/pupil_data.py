"""The vacancies feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, SCHOOL_RECORD, PupilTable

TABLES = (
    PupilTable("vacancy_interests", APP_DATA, section="vacancies"),
    # Part of the Verantwortungskette case file: kept and deleted with the case.
    PupilTable("vacancy_suggestions", SCHOOL_RECORD, section="vacancies"),
)
