"""The Verantwortungskette's tables holding a pupil's data (see app/core/pupil_data.py).

Transfer records and consents stay as a pseudonymous log after retention (the pupil's own
disclosure view still finds them through the keyed pseudonym); cases are school records. The
chain also runs its own, shorter schedule for closed cases (`retention.py`).
"""

from app.core.pupil_data import APP_DATA, PSEUDONYMISED, SCHOOL_RECORD, PupilTable

TABLES = (
    PupilTable("handover_consents", PSEUDONYMISED, section="handover", pseudonymous=True),
    PupilTable("handovers", PSEUDONYMISED, section="handover", pseudonymous=True),
    PupilTable("vk_cases", SCHOOL_RECORD, section="handover"),
    PupilTable(
        "vk_case_contacts",
        SCHOOL_RECORD,
        section="handover",
        pupil_column=None,
        parent=("vk_cases", "case_id"),
    ),
    # The identification list as frozen at a round's cut-off, and the pupil's own answers.
    PupilTable("round_snapshot_entries", SCHOOL_RECORD, section="identification"),
    PupilTable("plan_declarations", SCHOOL_RECORD, section="identification"),
    PupilTable(
        "recipient_coordinators",
        APP_DATA,
        excluded="staff accounts only: which recipient organisation a coordinator works for",
        pupil_column="user_id",
    ),
)
