"""The Praktikumsvereinbarung of a self-found placement, for the signatures of company,
parents (or the pupil of age) and school; dates in German format."""

from __future__ import annotations

from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.internships import jarbschg
from app.internships.certificates import _pdf
from app.internships.models import Placement
from app.internships.schooldays import school_days
from app.schools.models import School

TITLES = {
    "praktikum": "Praktikumsvereinbarung – Schülerbetriebspraktikum (KAoA SBO 6.1)",
    "praxiselement": "Vereinbarung über Praxiselemente in der Sekundarstufe II (KAoA SBO 9.1)",
}
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")


def _date(day) -> str:
    return f"{day:%d.%m.%Y}" if day else "–"


def _hours(placement: Placement) -> str:
    hours = jarbschg.working_hours(
        placement.daily_start, placement.daily_end, placement.break_minutes
    )
    pause = (
        f", davon {placement.break_minutes} Minuten Pause"
        if placement.break_minutes is not None
        else ""
    )
    return (
        f"täglich {placement.daily_start:%H:%M}–{placement.daily_end:%H:%M} Uhr{pause} "
        f"({hours:.1f} Stunden Arbeitszeit)".replace(".", ",")
    )


def _address(placement: Placement) -> str:
    place = f"{placement.postcode} {placement.city}".strip()
    return ", ".join(part for part in (placement.company_name, placement.street, place) if part)


def agreement_lines(placement: Placement) -> list[str]:
    pupil = db.session.get(User, placement.pupil_id)
    school = db.session.get(School, pupil.school_id) if pupil.school_id else None
    teacher = (
        db.session.get(User, placement.visiting_teacher_id)
        if placement.visiting_teacher_id
        else None
    )
    days = len(school_days(placement.starts_on, placement.ends_on, placement.weekdays))
    single = (
        " an den Tagen " + ", ".join(WEEKDAYS[int(d)] for d in sorted(set(placement.weekdays)))
        if placement.weekdays
        else " (Block)"
    )
    rules = (
        "Es gilt das Jugendarbeitsschutzgesetz: höchstens 7 Stunden am Tag und 35 Stunden in "
        "der Woche (§ 5 Abs. 2, § 7 JArbSchG), Ruhepausen von mindestens 30 Minuten bei mehr "
        "als 4,5 Stunden und 60 Minuten bei mehr als 6 Stunden (§ 11 JArbSchG)."
        if placement.kind == "praktikum"
        else "Es gilt das Jugendarbeitsschutzgesetz für Jugendliche (§§ 8, 11 JArbSchG); "
        "die Praxiselemente umfassen mindestens fünf Tage."
    )
    born = f", geboren am {_date(pupil.birth_date)}" if pupil.birth_date else ""
    return [
        "Zwischen der Schule",
        f"{school.name}, {school.street}, {school.postcode} {school.city}".strip(", ")
        if school
        else "–",
        "und dem Betrieb / der Einrichtung",
        _address(placement),
        f"Ansprechperson: {placement.contact_name or '–'}, "
        f"Telefon {placement.contact_phone or '–'}, E-Mail {placement.contact_email or '–'}",
        "",
        f"wird für {pupil.first_name} {pupil.last_name}{born}, Jahrgang {placement.jahrgang},",
        f"folgendes Praktikum vereinbart: {_date(placement.starts_on)} bis "
        f"{_date(placement.ends_on)}{single}, {days} {'Tag' if days == 1 else 'Tage'},",
        _hours(placement) + ".",
        f"Beruf / Tätigkeit: {placement.occupation or '–'}",
        "",
        rules,
        "Das Praktikum ist eine Schulveranstaltung; die Schülerin bzw. der Schüler ist "
        "gesetzlich unfallversichert. Der Betrieb stellt am Ende eine Bescheinigung aus.",
        "",
        "Betreuende Lehrkraft (Praktikumsbesuch): "
        + (f"{teacher.first_name} {teacher.last_name}" if teacher else "wird noch benannt")
        + (
            f", Besuch geplant am {_date(placement.visit_planned_on)}"
            if placement.visit_planned_on
            else ""
        ),
        f"Erstellt am {_date(clock.today())} über Anschluss (Nr. {placement.id}).",
    ]


SIGNATURES = (
    "Ort, Datum, Unterschrift Betrieb / Einrichtung",
    "Ort, Datum, Unterschrift Erziehungsberechtigte (bzw. volljährige Schülerin / Schüler)",
    "Ort, Datum, Unterschrift Schülerin / Schüler",
    "Ort, Datum, Unterschrift und Stempel der Schule",
)


def agreement_pdf(placement_id: int) -> bytes:
    placement = db.session.get(Placement, placement_id)
    title = TITLES[placement.kind]
    pdf, unicode_font = _pdf()
    pdf.set_title(title)
    pdf.set_author("Anschluss")

    def text(value: str) -> str:
        return value if unicode_font else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font_size(15)
    pdf.multi_cell(0, 8, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(11)
    pdf.ln(4)
    for line in agreement_lines(placement):
        pdf.multi_cell(0, 6, text(line), new_x="LMARGIN", new_y="NEXT")
    for label in SIGNATURES:
        pdf.ln(12)
        pdf.cell(0, 6, "_" * 60, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, text(label), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
