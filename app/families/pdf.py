"""PDFs in the reader's language: DejaVu Sans (Latin, Cyrillic, Arabic) shipped in app/data,
HarfBuzz text shaping (uharfbuzz) for joined Arabic letters, right-to-left pages for Arabic."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from fpdf import FPDF

from app.core import clock

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
RTL_LANGUAGES = {"ar"}


def local_date(moment, language: str) -> str:
    day = moment.astimezone(clock.SCHOOL_TZ).date() if hasattr(moment, "hour") else moment
    if language == "en":
        return day.isoformat()
    return f"{day:%d.%m.%Y}"


def qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


class LanguageDocument(FPDF):
    """An A4 document whose paragraphs follow the language's direction."""

    def __init__(self, title: str):
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("Anschluss")
        self.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_text_shaping(True)
        self.language = "de"

    def use_language(self, language: str) -> None:
        self.language = language
        rtl = language in RTL_LANGUAGES
        self.set_text_shaping(True, direction="rtl" if rtl else "ltr")

    @property
    def align(self) -> str:
        return "R" if self.language in RTL_LANGUAGES else "L"

    def heading(self, value: str, size: int = 14) -> None:
        self.set_font("Body", "B", size)
        self.multi_cell(0, size * 0.55, value, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, value: str, size: float = 11) -> None:
        self.set_font("Body", "", size)
        self.multi_cell(0, size * 0.5, value, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def latin(self, value: str, size: float = 9) -> None:
        """A URL or code: always left to right, whatever the page's direction."""
        self.set_text_shaping(True, direction="ltr")
        self.set_font("Body", "", size)
        self.multi_cell(0, size * 0.5, value, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.use_language(self.language)
