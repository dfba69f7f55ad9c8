"""Printable PDF of one Anschlussvereinbarung version (fpdf2)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from sqlalchemy import select

from app.anschluss.agreement import agreement_view
from app.anschluss.models import Anschlussvereinbarung
from app.auth.models import User
from app.catalog.models import AnschlussOption, Berufsfeld
from app.core import audit, clock
from app.extensions import db
from app.schools.models import School

# A Unicode font keeps names like "Yılmaz" intact; core Helvetica is Latin-1 only.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
OWNER_LABELS = {
    "pupil": "Schüler/in",
    "teacher": "Lehrkraft",
    "parents": "Eltern",
    "other": "Andere",
}


class _Document(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.unicode = all(path.exists() for path in UNICODE_FONTS)
        if self.unicode:
            self.add_font("Body", "", str(UNICODE_FONTS[0]))
            self.add_font("Body", "B", str(UNICODE_FONTS[1]))
        self.body_family = "Body" if self.unicode else "Helvetica"

    def clean(self, value: str) -> str:
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def heading(self, value: str, size: int = 12) -> None:
        self.set_font(self.body_family, "B", size)
        self.multi_cell(0, 8, self.clean(value), new_x="LMARGIN", new_y="NEXT")

    def line_text(self, value: str) -> None:
        self.set_font(self.body_family, "", 10)
        self.multi_cell(0, 6, self.clean(value), new_x="LMARGIN", new_y="NEXT")


def _labels(agreement: dict) -> tuple[dict, dict]:
    codes = {agreement["wish_option"]} | {a.get("option_code") for a in agreement["alternatives"]}
    options = dict(
        db.session.execute(
            select(AnschlussOption.kuerzel, AnschlussOption.text).where(
                AnschlussOption.kuerzel.in_([c for c in codes if c])
            )
        ).all()
    )
    fields = dict(
        db.session.execute(
            select(Berufsfeld.kuerzel, Berufsfeld.text).where(
                Berufsfeld.kuerzel.in_(agreement["berufsfelder"] or [""])
            )
        ).all()
    )
    return options, fields


def _local(moment) -> str:
    return f"{moment.astimezone(clock.SCHOOL_TZ):%d.%m.%Y, %H:%M} Uhr"


def _confirmations(agreement: dict) -> list[str]:
    """Who confirmed this version and when (pupil in the app, guardians through their link)."""
    lines = []
    if agreement["confirmed_at"]:
        lines.append(
            f"Von der Schülerin / dem Schüler bestätigt am {_local(agreement['confirmed_at'])}."
        )
    if agreement["guardian_confirmed_at"]:
        lines.append(
            "Von den Erziehungsberechtigten über ihren Link bestätigt am "
            f"{_local(agreement['guardian_confirmed_at'])}."
        )
    return lines or ["Noch nicht bestätigt."]


def render(user, vereinbarung_id: int) -> tuple[bytes, str]:
    record = db.session.get(Anschlussvereinbarung, vereinbarung_id)
    agreement = agreement_view(record)
    pupil = db.session.get(User, record.pupil_id)
    school = db.session.get(School, pupil.school_id) if pupil.school_id else None
    options, fields = _labels(agreement)
    if user.role != "pupil":
        audit.record(
            user,
            "export",
            "anschlussvereinbarung.pdf",
            [pupil.id],
            audit.Purpose.CAREER_GUIDANCE,
            ("identity", "counselling"),
        )
    doc = _Document()
    doc.add_page()
    doc.heading("Anschlussvereinbarung", 16)
    doc.line_text(f"{pupil.full_name} · {school.name if school else ''}")
    doc.line_text(
        f"Version {agreement['version']} vom {agreement['created_at']:%d.%m.%Y} · "
        f"Stufe {agreement['stufe']}"
    )
    doc.heading("Mein Wunsch")
    wish = options.get(agreement["wish_option"], "") if agreement["wish_option"] else ""
    doc.line_text(" – ".join(v for v in (wish, agreement["wish_text"]) if v) or "—")
    doc.heading("Alternativen")
    for alt in agreement["alternatives"] or [{}]:
        label = options.get(alt.get("option_code"), "") if alt.get("option_code") else ""
        doc.line_text("• " + (" – ".join(v for v in (label, alt.get("text", "")) if v) or "—"))
    doc.heading("Berufsfelder")
    doc.line_text(", ".join(fields.get(c, c) for c in agreement["berufsfelder"]) or "—")
    doc.heading("Nächste Schritte")
    for step in agreement["next_steps"]:
        due = f"bis {step['due_on']:%d.%m.%Y}" if step["due_on"] else "ohne Termin"
        done = " (erledigt)" if step["done"] else ""
        doc.line_text(f"• {step['description']} – {due} – {OWNER_LABELS[step['owner']]}{done}")
    doc.heading("Ansprechpersonen")
    for contact in agreement["contacts"] or [{}]:
        parts = [contact.get(k, "") for k in ("name", "organisation", "phone", "email")]
        doc.line_text("• " + (", ".join(p for p in parts if p) or "—"))
    doc.ln(4)
    for line in _confirmations(agreement):
        doc.line_text(line)
    doc.ln(12)
    doc.line_text("______________________        ______________________")
    doc.line_text("Schüler/in                              Lehrkraft")
    filename = f"anschlussvereinbarung-v{agreement['version']}.pdf"
    return bytes(doc.output()), filename
