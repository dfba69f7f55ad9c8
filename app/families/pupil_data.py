"""The families feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, PupilTable

TABLES = (
    PupilTable(
        "guardian_links",
        APP_DATA,
        excluded="security data: only the hash of a link token, useless to the pupil",
    ),
    PupilTable("guardian_link_uses", APP_DATA, section="guardians"),
    PupilTable("guardian_sharing", APP_DATA, section="guardians"),
)
