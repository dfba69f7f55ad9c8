"""Texts of the notices about Ausbildungsplätze: a coordinator suggested one to the youth
("du"), and a young person who consented is interested in a company's place ("Sie"; no name in
the notice — the company reads it among the candidates)."""

from __future__ import annotations

VACANCY_TEMPLATES: dict[str, dict[str, dict]] = {
    "vacancy_suggested": {
        "pupil": {
            "link": "/my-vacancies",
            "de": (
                "Ein Ausbildungsplatz für dich: {title}",
                "Deine Ansprechperson schlägt dir einen Ausbildungsplatz vor: {title} bei "
                "{employer}. Du findest ihn unter „Ausbildungsplätze für dich“.",
            ),
            "en": (
                "An apprenticeship for you: {title}",
                "Your contact person suggests an apprenticeship to you: {title} at {employer}. "
                "You will find it under “Apprenticeships for you”.",
            ),
        },
    },
    "vacancy_candidate": {
        "staff": {
            "link": "/provider/vacancies",
            "de": (
                "Neues Interesse: {title}",
                "Eine junge Person interessiert sich für Ihren Ausbildungsplatz „{title}“ und ist "
                "einverstanden, dass Sie ihren Namen sehen. Sie finden sie bei Ihren "
                "Ausbildungsplätzen.",
            ),
            "en": (
                "New interest: {title}",
                "A young person is interested in your apprenticeship “{title}” and agreed that "
                "you see their name. You will find them with your apprenticeships.",
            ),
        },
    },
}
