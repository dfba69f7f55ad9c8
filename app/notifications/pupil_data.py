"""The notifications feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, PupilTable

TABLES = (
    PupilTable(
        "notifications",
        APP_DATA,
        section="notifications",
        pupil_column="user_id",
        subject_column="subject_pupil_id",
    ),
    PupilTable(
        "outbox_mails",
        APP_DATA,
        section="notifications",
        pupil_column="user_id",
        subject_column="subject_pupil_id",
    ),
    PupilTable(
        "push_messages",
        APP_DATA,
        excluded="delivery queue of push notices; their text is the inbox entry (notifications)",
        pupil_column="user_id",
    ),
)
