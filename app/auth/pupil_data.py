"""The auth feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import ACCOUNT, APP_DATA, PupilTable

TABLES = (
    PupilTable("users", ACCOUNT, section="account", pupil_column="id"),
    PupilTable("webauthn_credentials", APP_DATA, section="account", pupil_column="user_id"),
    PupilTable(
        "user_sessions",
        APP_DATA,
        excluded="security data: hashed session tokens, ended at logout",
        pupil_column="user_id",
    ),
    PupilTable(
        "webauthn_challenges",
        APP_DATA,
        excluded="security data: single-use login challenges, minutes long",
        pupil_column="user_id",
    ),
    PupilTable(
        "push_subscriptions",
        APP_DATA,
        excluded="security data: a device's push endpoint and keys, ended at logout",
        pupil_column="user_id",
    ),
    PupilTable(
        "enrolment_codes",
        APP_DATA,
        excluded="security data: hashed one-time codes; the pupil sees the code on paper",
    ),
    PupilTable(
        "account_activations",
        APP_DATA,
        excluded="security data: hashed single-use activation links (company contacts' accounts)",
        pupil_column="user_id",
    ),
)
