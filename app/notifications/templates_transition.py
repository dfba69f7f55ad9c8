"""Texts of the notices of the transition through the summer (staff only, "Sie").

Status labels come in the data per language (`status_de`, `status_en`), since the sender knows
the catalogue; the receivers are coordinators, StuBOs and class teachers.
"""

from __future__ import annotations

TRANSITION_TEMPLATES: dict[str, dict[str, dict]] = {
    "vk_case_anschluss_changed": {
        "staff": {
            "link": "/cases/{case_id}",
            "de": (
                "Anschluss geändert: {pupil_name}",
                "Die abgebende Schule hat den Anschluss von {pupil_name} geändert: "
                "{status_de} ({option}). Bitte prüfen Sie, ob der Fall noch Begleitung braucht.",
            ),
            "en": (
                "Anschluss changed: {pupil_name}",
                "The leaving school changed the Anschluss of {pupil_name}: {status_en} "
                "({option}). Please check whether the case still needs follow-up.",
            ),
        },
    },
    "plan_declared": {
        "staff": {
            "link": "/handover",
            "de": (
                "Antwort zur Identifikationsrunde: {pupil_name}",
                "{pupil_name} hat den aktuellen Plan angegeben: {plan_de}. Bitte bestätigen Sie "
                "die Antwort in der Liste „Übergabe“.",
            ),
            "en": (
                "Answer to the identification round: {pupil_name}",
                "{pupil_name} stated the current plan: {plan_en}. Please confirm the answer in "
                "the “Handover” list.",
            ),
        },
    },
    "certificate_mismatch": {
        "staff": {
            "link": "/anschluss/pupils/{pupil_id}",
            "de": (
                "Abschluss passt nicht: {pupil_name}",
                "Mit dem erreichten Abschluss ({certificate}) ist {options} nicht möglich. "
                "Bitte besprechen Sie den Anschluss mit {pupil_name}.",
            ),
            "en": (
                "Certificate does not fit: {pupil_name}",
                "With the certificate achieved ({certificate}), {options} is not open. "
                "Please talk about the Anschluss with {pupil_name}.",
            ),
        },
    },
    "arrival_no_show": {
        "staff": {
            "link": "/transition",
            "de": (
                "Nicht angekommen: {pupil_name}",
                "{school_name} meldet: {pupil_name} ist zum Schuljahresbeginn nicht erschienen. "
                "Ihre Schule bleibt für die Schulpflicht zuständig, bis eine Aufnahme bestätigt "
                "ist (VO-DV I § 7).",
            ),
            "en": (
                "Did not arrive: {pupil_name}",
                "{school_name} reports that {pupil_name} did not arrive at term start. Your "
                "school stays responsible for the Schulpflicht until an admission is confirmed "
                "(VO-DV I § 7).",
            ),
        },
    },
    "schulpflicht_case_opened": {
        "staff": {
            "link": "/cases/{case_id}",
            "de": (
                "Schulpflicht-Fall: {pupil_name}",
                "{pupil_name} ist noch schulpflichtig und nicht bei {school_name} angekommen. "
                "Ein Fall der Verantwortungskette wurde für Ihre Kommune eröffnet.",
            ),
            "en": (
                "Schulpflicht case: {pupil_name}",
                "{pupil_name} is still obliged to attend school and did not arrive at "
                "{school_name}. A Verantwortungskette case was opened for your Kommune.",
            ),
        },
    },
}
