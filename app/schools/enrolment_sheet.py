"""The printable enrolment-code sheet (A4 PDF): one card per pupil with name, code and QR code.

The sheet is made from freshly issued codes: codes are stored only as hashes, so a sheet can
never be printed again later — issuing a new sheet issues new codes.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app.core import clock

# A Unicode font makes every name printable (e.g. "Yılmaz"); without one the sheet falls back
# to the PDF core font and transliterates what Latin-1 cannot hold (Debian: fonts-dejavu-core).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
CARD_W, CARD_H = 90.0, 64.0
COLUMNS, ROWS = 2, 4
MARGIN_X, MARGIN_Y, GAP = 12.0, 14.0, 6.0
INSTRUCTION_DE = "Link öffnen oder QR-Code scannen, Code eingeben, Passkey anlegen."
INSTRUCTION_EN = "Open the link or scan the QR code, enter the code, create a passkey."


def _font_path() -> str | None:
    return next((path for path in FONT_CANDIDATES if Path(path).is_file()), None)


def _local_date(moment) -> str:
    """Dates on paper as the school reads them (German time)."""
    moment = moment.astimezone(clock.SCHOOL_TZ)
    return moment.strftime("%d.%m.%Y")


class _Sheet(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_title(title)
        self.set_creator("Anschluss")
        font = _font_path()
        self._unicode = font is not None
        if font:
            self.add_font("Sheet", "", font)
            self._family = "Sheet"
        else:
            self._family = "Helvetica"

    def text_of(self, value: str) -> str:
        if self._unicode:
            return value
        folded = unicodedata.normalize("NFKD", value.replace("ı", "i"))
        return folded.encode("latin-1", "ignore").decode("latin-1")

    def write_line(self, x: float, y: float, w: float, size: float, value: str) -> None:
        """One line of text at (x, y), shrunk until it fits the width w (long names)."""
        value = self.text_of(value)
        self.set_font(self._family, size=size)
        while size > 5 and self.get_string_width(value) > w:
            size -= 0.5
            self.set_font(self._family, size=size)
        self.set_xy(x, y)
        self.cell(w, size * 0.45, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def _card(pdf: _Sheet, x: float, y: float, entry: dict) -> None:
    pdf.set_draw_color(150, 150, 150)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.rect(x, y, CARD_W, CARD_H)
    pdf.set_dash_pattern()
    qr_size = 34.0
    pdf.image(_qr_png(entry["enrol_url"]), x=x + CARD_W - qr_size - 3, y=y + 4, w=qr_size)
    text_w = CARD_W - qr_size - 8
    pdf.write_line(x + 4, y + 4, text_w, 12, entry["first_name"])
    pdf.write_line(x + 4, y + 10, text_w, 12, entry["last_name"])
    pdf.write_line(x + 4, y + 17, text_w, 7, "Code / code:")
    pdf.write_line(x + 4, y + 21, text_w, 17, entry["code"])
    valid = _local_date(entry["expires_at"])
    pdf.write_line(x + 4, y + 30, text_w, 8, f"gültig bis / valid until {valid}")
    pdf.write_line(x + 4, y + 41, CARD_W - 8, 7, INSTRUCTION_DE)
    pdf.write_line(x + 4, y + 45, CARD_W - 8, 7, INSTRUCTION_EN)
    pdf.write_line(x + 4, y + 53, CARD_W - 8, 6.5, entry["enrol_url"])


def render_sheet(entries: list[dict], class_name: str) -> bytes:
    """A4 pages with 8 cards each (2 × 4), cut lines dashed."""
    pdf = _Sheet(f"Anschluss – Anmeldecodes {class_name}")
    per_page = COLUMNS * ROWS
    if not entries:
        pdf.add_page()
        pdf.write_line(
            MARGIN_X, MARGIN_Y, 180, 12, f"{class_name}: keine Codes ausgegeben / no codes issued"
        )
    for index, entry in enumerate(entries):
        slot = index % per_page
        if slot == 0:
            pdf.add_page()
            pdf.write_line(
                MARGIN_X, 5, 180, 8, f"Anschluss – Anmeldecodes / enrolment codes – {class_name}"
            )
        column, row = slot % COLUMNS, slot // COLUMNS
        _card(pdf, MARGIN_X + column * (CARD_W + GAP), MARGIN_Y + row * (CARD_H + GAP), entry)
    return bytes(pdf.output())
