"""The pupil's data export (Art. 15, 20 DSGVO): the portfolio document, every other feature's
rows per category (from the privacy registry) and who accessed the pupil's data."""

from __future__ import annotations

from app.portfolio.export import CATEGORIES, portfolio_document, record_export
from app.privacy import export_records, registry


def export_data(pupil) -> dict:
    """Everything of the pupil, as one JSON document (audited)."""
    document = portfolio_document(pupil)
    record_export(pupil, tuple(registry.sections()) + CATEGORIES)
    return {
        **document,
        "sections": export_records.sections(pupil.id),
        "access_log": export_records.access_log_summary(pupil.id),
    }
