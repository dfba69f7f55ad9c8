"""The portfolio feature's tables holding a pupil's data (see app/core/pupil_data.py)."""

from app.core.pupil_data import APP_DATA, PupilTable

TABLES = (
    PupilTable("portfolio_steps", APP_DATA, view="steps"),
    PupilTable("portfolio_shares", APP_DATA, view="shares"),
    PupilTable("favourite_occupations", APP_DATA, section="portfolio"),
    PupilTable("portfolio_attachments", APP_DATA, section="portfolio"),
    PupilTable(
        "attachment_contents",
        APP_DATA,
        section="portfolio",
        pupil_column=None,
        parent=("portfolio_attachments", "attachment_id"),
    ),
)
