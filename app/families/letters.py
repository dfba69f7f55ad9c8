"""Guardian letters of a class: one A4 page per pupil in the guardians' language, with the
QR code of a freshly issued link (tokens are stored as hashes, so printing issues new links)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.families import links
from app.families.models import GUARDIAN_LANGUAGES, GuardianLink
from app.schools.models import ClassMembership, School, SchoolClass

TEXTS_FILE = Path(__file__).resolve().parent / "letter_texts.json"


@cache
def letter_texts() -> dict[str, dict[str, str]]:
    data = json.loads(TEXTS_FILE.read_text(encoding="utf-8"))
    return {language: data[language] for language in GUARDIAN_LANGUAGES}


def _class_pupils(class_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(ClassMembership, ClassMembership.pupil_id == User.id)
            .where(ClassMembership.class_id == class_id, User.role == "pupil", User.active)
            .order_by(User.last_name, User.first_name, User.id)
        )
    )


def _last_languages(pupil_ids: list[int]) -> dict[int, str]:
    """The language of each pupil's latest link (the guardians chose it before)."""
    rows = db.session.execute(
        select(GuardianLink.pupil_id, GuardianLink.language)
        .where(GuardianLink.pupil_id.in_(pupil_ids))
        .order_by(GuardianLink.created_at, GuardianLink.id)
    )
    return dict(rows.all())


def render_class(actor: User, class_id: int, language: str | None) -> tuple[bytes, str]:
    from app.families.pdf import LanguageDocument, local_date, qr_png  # fpdf: loaded on use

    school_class = db.session.get(SchoolClass, class_id)
    school = db.session.get(School, school_class.school_id)
    pupils = _class_pupils(class_id)
    earlier = _last_languages([pupil.id for pupil in pupils])
    languages = {pupil.id: language or earlier.get(pupil.id, "de") for pupil in pupils}
    issued = links.issue(actor, pupils, languages)
    doc = LanguageDocument(f"Anschluss – Elternbriefe {school_class.name}")
    for entry in issued:
        texts = letter_texts()[entry["language"]]
        params = {
            "first_name": entry["pupil"].first_name,
            "school": school.name,
            "date": local_date(entry["expires_at"], entry["language"]),
        }
        doc.add_page()
        doc.use_language(entry["language"])
        doc.heading(texts["title"])
        doc.paragraph(texts["greeting"].format(**params))
        doc.paragraph(texts["body"].format(**params))
        doc.image(qr_png(entry["url"]), x=(doc.w - 50) / 2, w=50)
        doc.ln(4)
        doc.paragraph(texts["link"])
        doc.latin(entry["url"])
        doc.ln(3)
        doc.paragraph(texts["privacy"].format(**params), size=10)
        doc.paragraph(texts["valid"].format(**params), size=10)
    if not issued:
        doc.add_page()
        doc.paragraph(f"{school_class.name}: keine Schülerinnen und Schüler / no pupils")
    return bytes(doc.output()), f"elternbriefe-{class_id}.pdf"
