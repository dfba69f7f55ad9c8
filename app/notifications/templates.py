"""Texts of every notification kind, German first, English second.

A template may have a variant for staff (the recipient is not the pupil the event is about,
e.g. the class teacher hearing of a booking request) and variants chosen by a data field
(attendance: attended / no_show). Placeholders come from the event data; dates are shown
in the reader's format. Unknown kinds fall back to a neutral text, never to an error.
"""

from __future__ import annotations

from datetime import date, datetime
from string import Formatter

from app.notifications.templates_transition import TRANSITION_TEMPLATES
from app.notifications.templates_vacancies import VACANCY_TEMPLATES

BOOKINGS = "/bookings"

# kind -> variant -> {"link": ..., "de": (title, body), "en": (title, body)}
TEMPLATES: dict[str, dict[str, dict]] = {
    "booking_requested": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Anfrage gesendet: {offer_title}",
                "Du hast einen Platz am {starts_on} angefragt. Deine Lehrkraft muss die "
                "Buchung noch bestätigen; erst dann ist sie verbindlich.",
            ),
            "en": (
                "Request sent: {offer_title}",
                "You asked for a place on {starts_on}. Your teacher still has to confirm "
                "the booking; only then is it binding.",
            ),
        },
        "staff": {
            "link": BOOKINGS,
            "de": (
                "Neue Buchungsanfrage: {offer_title}",
                "{pupil_name} hat einen Platz am {starts_on} angefragt. Bitte bestätigen "
                "oder ablehnen.",
            ),
            "en": (
                "New booking request: {offer_title}",
                "{pupil_name} asked for a place on {starts_on}. Please confirm or reject.",
            ),
        },
    },
    "booking_confirmed": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Buchung bestätigt: {offer_title}",
                "Dein Platz am {starts_on} ist verbindlich gebucht.",
            ),
            "en": (
                "Booking confirmed: {offer_title}",
                "Your place on {starts_on} is booked and binding.",
            ),
        },
    },
    "booking_rejected": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Buchung abgelehnt: {offer_title}",
                "Deine Anfrage für den {starts_on} wurde abgelehnt. Such dir gern einen "
                "anderen Termin aus.",
            ),
            "en": (
                "Booking rejected: {offer_title}",
                "Your request for {starts_on} was rejected. Feel free to pick another date.",
            ),
        },
    },
    "booking_cancelled": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Buchung storniert: {offer_title}",
                "Deine Buchung für den {starts_on} ist storniert.",
            ),
            "en": (
                "Booking cancelled: {offer_title}",
                "Your booking for {starts_on} has been cancelled.",
            ),
        },
        "staff": {
            "link": BOOKINGS,
            "de": (
                "Buchung storniert: {offer_title}",
                "{pupil_name} hat die Buchung für den {starts_on} storniert.",
            ),
            "en": (
                "Booking cancelled: {offer_title}",
                "{pupil_name} cancelled the booking for {starts_on}.",
            ),
        },
    },
    "booking_promoted": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Nachgerückt: {offer_title}",
                "Am {starts_on} ist ein Platz frei geworden: Du bist von der Warteliste "
                "nachgerückt.",
            ),
            "en": (
                "Moved up: {offer_title}",
                "A place on {starts_on} became free: you moved up from the waiting list.",
            ),
        },
        "staff": {
            "link": BOOKINGS,
            "de": (
                "Nachgerückt: {offer_title}",
                "{pupil_name} ist für den {starts_on} von der Warteliste nachgerückt.",
            ),
            "en": (
                "Moved up: {offer_title}",
                "{pupil_name} moved up from the waiting list for {starts_on}.",
            ),
        },
    },
    "attendance_marked": {
        "attended": {
            "link": BOOKINGS,
            "de": (
                "Teilnahme bestätigt: {offer_title}",
                "Die Teilnahme am {starts_on} ist bestätigt. Die Teilnahmebescheinigung "
                "steht bereit.",
            ),
            "en": (
                "Attendance confirmed: {offer_title}",
                "Attendance on {starts_on} is confirmed. The certificate is ready.",
            ),
        },
        "no_show": {
            "link": BOOKINGS,
            "de": (
                "Nicht erschienen: {offer_title}",
                "Für den {starts_on} wurde „nicht erschienen“ eingetragen. Bitte sprich "
                "mit deiner Lehrkraft.",
            ),
            "en": (
                "Did not attend: {offer_title}",
                "“Did not attend” was recorded for {starts_on}. Please talk to your teacher.",
            ),
        },
    },
    "provider_approved": {
        "default": {
            "link": "/offers",
            "de": (
                "Freigegeben: {name}",
                "{name} wurde von der Kommunalen Koordinierung freigegeben. Veröffentlichte "
                "Angebote sind jetzt für Schulen sichtbar.",
            ),
            "en": (
                "Approved: {name}",
                "{name} has been approved by the municipal coordination office. Published "
                "offers are now visible to schools.",
            ),
        },
    },
    "booking_reminder": {
        "pupil": {
            "link": BOOKINGS,
            "de": (
                "Morgen: {offer_title}",
                "Erinnerung: Morgen, am {starts_on}, ist dein Termin bei {provider_name} "
                "({address}). Beginn: {daily_start} Uhr.",
            ),
            "en": (
                "Tomorrow: {offer_title}",
                "Reminder: tomorrow, {starts_on}, is your day at {provider_name} "
                "({address}). Start: {daily_start}.",
            ),
        },
    },
    "allocation_unassigned_school": {
        "default": {
            "link": "/allocation/{round_id}",
            "de": (
                "Ohne Platz: {count} aus Ihrer Schule",
                "In der Wahlrunde „{round_name}“ haben {count} Schülerinnen und Schüler Ihrer "
                "Schule keinen Platz bekommen. Wer es ist, sehen Sie auf der Seite der Runde.",
            ),
            "en": (
                "Without a place: {count} from your school",
                'In the allocation round "{round_name}", {count} pupils of your school got no '
                "place. You find who on the round's page.",
            ),
        },
    },
    "provider_contact_added": {
        "default": {
            "link": "/provider/contacts",
            "de": (
                "Neue Kontaktperson: {contact_name}",
                "{contact_name} wurde als Kontaktperson von {provider_name} eingetragen und "
                "bekommt einen Link, um das eigene Passwort festzulegen. Kennen Sie die Person "
                "nicht? Dann entfernen Sie sie unter „Kontaktpersonen“.",
            ),
            "en": (
                "New contact: {contact_name}",
                "{contact_name} was added as a contact of {provider_name} and receives a link "
                "to set their own password. Don't know this person? Then remove them under "
                '"Contacts".',
            ),
        },
    },
    "login_reset": {
        "pupil": {
            "link": "/passkeys",
            "de": (
                "Deine Anmeldung wurde zurückgesetzt",
                "Am {reset_on} hat deine Schule für dich einen neuen Anmeldecode erstellt, weil "
                "ein Gerät verloren ging. Deine bisherigen Passkeys und dein Passwort gelten "
                "nicht mehr, und du wurdest überall abgemeldet. Warst du das nicht? Dann sprich "
                "bitte sofort mit deiner Lehrkraft oder der Schulleitung.",
            ),
            "en": (
                "Your login was reset",
                "On {reset_on} your school made a new login code for you because a device was "
                "lost. Your earlier passkeys and your password no longer work, and you were "
                "logged out everywhere. Was it not you? Then please talk to your teacher or the "
                "school management at once.",
            ),
        },
    },
    "coordinator_message": {
        "pupil": {
            "link": "/inbox",
            "de": (
                "Nachricht von {sender}",
                "{sender} hat dir geschrieben (an deine E-Mail-Adresse oder per Post). "
                "Sie helfen dir beim Start nach der Schule.",
            ),
            "en": (
                "Message from {sender}",
                "{sender} has written to you (to your e-mail address or by post). "
                "They help you get started after school.",
            ),
        },
    },
    "allocation_round_opened": {
        "pupil": {
            "link": "/allocation/{round_id}",
            "de": (
                "Wunschtermine wählen: {round_name}",
                "Wähle bis {deadline} bis zu {max_choices} Termine in deiner Wunschreihenfolge.",
            ),
            "en": (
                "Choose your dates: {round_name}",
                "Rank up to {max_choices} dates in your order of preference by {deadline}.",
            ),
        },
    },
    "allocation_unassigned": {
        "pupil": {
            "link": "/allocation/{round_id}",
            "de": (
                "Kein Platz in „{round_name}“",
                "Leider konnte dir keiner deiner Wunschtermine zugeteilt werden. Deine "
                "Schule meldet sich bei dir; freie Termine kannst du auch direkt buchen.",
            ),
            "en": (
                "No place in “{round_name}”",
                "Unfortunately none of your chosen dates could be assigned to you. Your "
                "school will get in touch; you can also book free dates directly.",
            ),
        },
    },
}

TEMPLATES.update(TRANSITION_TEMPLATES)
TEMPLATES.update(VACANCY_TEMPLATES)

FALLBACK = {
    "link": "/inbox",
    "de": ("Neuigkeit in Anschluss", "Es gibt eine Änderung, die dich betrifft."),
    "en": ("News in Anschluss", "There is a change that concerns you."),
}


class _Blank(dict):
    def __missing__(self, key):
        return "–"


def _local(value, lang: str) -> str:
    """ISO dates and datetimes in the reader's format; everything else unchanged."""
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            parsed = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return value
        if isinstance(parsed, datetime):
            return (
                parsed.strftime("%d.%m.%Y, %H:%M")
                if lang == "de"
                else parsed.strftime("%d %b %Y, %H:%M")
            )
        return parsed.strftime("%d.%m.%Y") if lang == "de" else parsed.strftime("%d %b %Y")
    return str(value)


def _fill(text: str, data: dict, lang: str) -> str:
    values = _Blank({key: _local(value, lang) for key, value in data.items()})
    return Formatter().vformat(text, (), values)


def choose(kind: str, data: dict, recipient_is_subject: bool) -> dict:
    variants = TEMPLATES.get(kind)
    if not variants:
        return FALLBACK
    if str(data.get("status")) in variants:
        return variants[str(data["status"])]
    if not recipient_is_subject and "staff" in variants:
        return variants["staff"]
    return variants.get("pupil") or variants.get("default") or next(iter(variants.values()))


def render(kind: str, data: dict, *, recipient_is_subject: bool = True) -> dict:
    """{"title_de", "body_de", "title_en", "body_en", "link"} for one recipient."""
    template = choose(kind, data, recipient_is_subject)
    rendered = {"link": _fill(template["link"], data, "de")[:200]}
    for lang in ("de", "en"):
        title, body = template[lang]
        rendered[f"title_{lang}"] = _fill(title, data, lang)[:200]
        rendered[f"body_{lang}"] = _fill(body, data, lang)
    return rendered
