"""Coordinators write to a youth from a case: templates in the youth's language, sent by e-mail
through the outbox when the handed-over data include an e-mail address (the consent covered
it), else printed as a postal letter. Each message is one entry of the case's contact log
(channel, template, date) — the log keeps no copy of the text."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import insert

from app.auth.models import User
from app.core import clock
from app.core.errors import Invalid
from app.extensions import db
from app.families.languages import language_of
from app.families.models import GUARDIAN_LANGUAGES
from app.notifications.models import OutboxMail
from app.notifications.services import notify
from app.schools.models import Kommune, School
from app.verantwortungskette import cases as chain_cases
from app.verantwortungskette import common as chain_common
from app.verantwortungskette.models import VkCase

TEMPLATES = ("first_contact", "reminder", "appointment")
TEXTS_FILE = Path(__file__).resolve().parent / "message_texts.json"
SENT_OUTCOME = "nachricht_hinterlassen"


@cache
def message_texts() -> dict[str, dict]:
    data = json.loads(TEXTS_FILE.read_text(encoding="utf-8"))
    return {language: data[language] for language in GUARDIAN_LANGUAGES}


def youth_language(case: VkCase, wanted: str | None) -> str:
    if wanted:
        return wanted
    person = db.session.get(User, case.pupil_id) if case.pupil_id else None
    language = language_of(person)
    return language if language in GUARDIAN_LANGUAGES else "de"


def sender_name(case: VkCase) -> str:
    school = db.session.get(School, case.recipient_school_id) if case.recipient_school_id else None
    kommune = (
        db.session.get(Kommune, case.recipient_kommune_id) if case.recipient_kommune_id else None
    )
    return chain_common.recipient_name(case.recipient_kind, school, kommune)


def _format_day(day: date, language: str) -> str:
    return day.isoformat() if language == "en" else f"{day:%d.%m.%Y}"


def compose(case: VkCase, template: str, language: str, data: dict) -> tuple[str, str]:
    """(subject, text) of the template in the language, with the case's names filled in."""
    texts = message_texts()[language]
    params = {
        "first_name": case.first_name or "",
        "last_name": case.last_name or "",
        "sender": sender_name(case),
        "date": _format_day(data["appointment_on"], language) if data.get("appointment_on") else "",
        "time": data["appointment_at"].strftime("%H:%M") if data.get("appointment_at") else "",
        "place": data.get("place", ""),
    }
    part = texts[template]
    body = "\n\n".join(
        (
            texts["greeting"].format(**params),
            part["body"].format(**params),
            texts["signature"].format(**params),
        )
    )
    return part["subject"].format(**params), body


def _check(template: str, data: dict) -> None:
    if template == "appointment":
        for field in ("appointment_on", "appointment_at", "place"):
            if not data.get(field):
                raise Invalid("appointment-needs-date-time-place", field=field)


def _log(user: User, case: VkCase, channel: str, template: str) -> dict:
    if case.pupil_id is not None:  # the youth's inbox (and pushed to their devices)
        notify(case.pupil_id, "coordinator_message", {"sender": sender_name(case)})
    return chain_cases.add_contact(
        user,
        case.id,
        {"date": clock.today(), "channel": channel, "outcome": SENT_OUTCOME},
        template=template,
    )


def send(user: User, case_id: int, data: dict) -> dict:
    """E-mail the template to the youth; without an e-mail address the letter is the way."""
    case = chain_cases.active_case(case_id)
    template = data["template"]
    _check(template, data)
    if not case.email:
        raise Invalid("case-without-email", field="template")
    language = youth_language(case, data.get("language"))
    subject, body = compose(case, template, language, data)
    now = clock.now()
    db.session.execute(
        insert(OutboxMail),
        [
            {
                "user_id": case.pupil_id,
                "to_address": case.email,
                "subject": subject[:255],
                "body": body,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        ],
    )
    contact = _log(user, case, "email", template)
    return {"channel": "email", "template": template, "language": language, "contact": contact}


def letter(user: User, case_id: int, template: str, language: str | None, data: dict) -> tuple:
    """The postal letter as PDF (address block, text in the youth's language); logged."""
    from app.families.pdf import LanguageDocument  # fpdf: loaded by the first letter

    case = chain_cases.active_case(case_id)
    _check(template, data)
    if not (case.street and case.postcode and case.city):
        raise Invalid("case-without-address", field="template")
    language = youth_language(case, language)
    subject, body = compose(case, template, language, data)
    doc = LanguageDocument(subject)
    doc.add_page()
    doc.use_language("de")
    doc.paragraph(sender_name(case), size=9)
    doc.ln(8)
    for line in (
        f"{case.first_name} {case.last_name}",
        case.street,
        f"{case.postcode} {case.city}",
    ):
        doc.paragraph(line, size=11)
    doc.ln(10)
    doc.paragraph(_format_day(clock.today(), "de"), size=10)
    doc.use_language(language)
    doc.heading(subject)
    for paragraph in body.split("\n\n"):
        doc.paragraph(paragraph)
    _log(user, case, "letter", template)
    return bytes(doc.output()), f"brief-fall-{case.id}.pdf"
