"""Teilnahmebescheinigung (attendance certificate) as a PDF, for attended bookings only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.auth.models import User
from app.catalog.models import Berufsfeld
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db

if TYPE_CHECKING:
    from fpdf import FPDF
from app.internships.models import Booking
from app.internships.schooldays import school_days
from app.schools.models import School

KIND_NAMES = {
    "bfe": "Berufsfelderkundung (KAoA SBO 5.1)",
    "praktikum": "Schülerbetriebspraktikum (KAoA SBO 6.1)",
    "praxiskurs": "Praxiskurs (KAoA SBO 6.4)",
    "langzeitpraktikum": "Langzeitpraktikum (KAoA SBO 6.5)",
}
# A Unicode font when the system has one (names such as "Yılmaz"); else the core font with
# characters outside Latin-1 replaced.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


def _pdf() -> tuple[FPDF, bool]:
    from fpdf import FPDF  # fpdf costs start-up 0.25 s: loaded by the first PDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for font in UNICODE_FONTS:
        if font.exists():
            pdf.add_font("Body", "", str(font))
            pdf.set_font("Body", size=11)
            return pdf, True
    pdf.set_font("Helvetica", size=11)
    return pdf, False


def _field_name(kuerzel: str) -> str:
    """The Berufsfeld's name ("Elektro"), never its code ("EL")."""
    field = db.session.get(Berufsfeld, kuerzel)
    return field.text if field else kuerzel


def _date(day) -> str:
    return f"{day:%d.%m.%Y}"


def certificate_lines(booking: Booking) -> tuple[str, list[str]]:
    slot = booking.slot
    offer = slot.offer
    pupil = db.session.get(User, booking.pupil_id)
    school = db.session.get(School, pupil.school_id) if pupil.school_id else None
    period = _date(slot.starts_on)
    if slot.ends_on != slot.starts_on:
        period += f" bis {_date(slot.ends_on)}"
    days = len(school_days(slot.starts_on, slot.ends_on, slot.weekdays)) or 1
    # Imported or migrated bookings may lack the time of confirmation: fall back to the end.
    confirmed_on = booking.attendance_at.date() if booking.attendance_at else slot.ends_on
    lines = [
        f"{pupil.first_name} {pupil.last_name}".strip(),
        f"Schule: {school.name}" if school else "",
        "",
        f"hat an folgendem Angebot teilgenommen: {KIND_NAMES[offer.kind]}",
        f"„{offer.title}“",
        f"Anbieter: {offer.provider.name}, {offer.street}, {offer.postcode} {offer.city}".strip(
            ", "
        ),
        f"Berufsfeld: {_field_name(booking.berufsfeld)}",
        f"Zeitraum: {period} ({days} {'Tag' if days == 1 else 'Tage'}, "
        f"täglich {slot.daily_start:%H:%M}–{slot.daily_end:%H:%M} Uhr)",
        "",
        f"Die Teilnahme wurde am {_date(confirmed_on)} vom Anbieter bestätigt.",
        f"Ausgestellt am {_date(clock.today())} über Anschluss (Bescheinigungs-Nr. {booking.id}).",
    ]
    return "Teilnahmebescheinigung", lines


def certificate_pdf(booking_id: int) -> bytes:
    booking = db.session.get(Booking, booking_id)
    if booking.status != "attended":
        raise Conflict("certificate-needs-attendance")
    title, lines = certificate_lines(booking)
    pdf, unicode_font = _pdf()
    pdf.set_title(title)
    pdf.set_author("Anschluss")

    def text(value: str) -> str:
        return value if unicode_font else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font_size(20)
    pdf.cell(0, 14, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(11)
    pdf.ln(6)
    for line in lines:
        pdf.multi_cell(0, 7, text(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    pdf.cell(0, 7, "_" * 40, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, text("Stempel und Unterschrift des Anbieters (optional)"))
    return bytes(pdf.output())
