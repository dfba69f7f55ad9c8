"""The Berufswahlpass names what codes stand for and writes dates as its reader does."""

from __future__ import annotations

import re
from datetime import date

from app.portfolio.pdf import _step_section
from app.portfolio.pdf_labels import LABELS


class _Lines:
    def __init__(self):
        self.lines: list[str] = []

    def text_line(self, value, size=10, bold=False):
        self.lines.append(value)


def test_does_a_step_read_with_names_and_local_dates(app):
    """ "Dienstleistung" instead of "· D", 03.03.2026 in German and 3 Mar 2026 in English, and
    the step's name without its SBO number?"""
    step = {
        "kind": "field_day",
        "official_text": "Berufsfelderkundung",
        "sequence": 1,
        "sbo_kuerzel": "SBO 5.1",
        "jahrgang": "8",
        "status": "done",
        "date": date(2026, 3, 3),
        "provider": "Bäckerei Hoffmann",
        "berufsfeld": "D",
        "reflection": "",
    }
    for lang, day in (("de", "03.03.2026"), ("en", "3 Mar 2026")):
        pdf = _Lines()
        _step_section(pdf, step, LABELS[lang], lang)
        text = "\n".join(pdf.lines)
        assert day in text and "Dienstleistung" in text
        assert not re.search(r"· D(?!\w)", text)
        assert "SBO 5.1" not in text and "2026-03-03" not in text
