"""Demo Ausbildungsplätze of the demo companies, and one as if imported from the Bundesagentur's
job board, so that the leavers of 10a see "Ausbildungsplätze für dich" with their reasons and
the Kommune's supply view has something to show.

Idempotent: a company's vacancy is found by (provider, title), the imported one by its
reference number. Start dates are on 1 August of the next school year.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.catalog.models import Occupation
from app.core import clock
from app.extensions import db
from app.vacancies.models import Vacancy

if TYPE_CHECKING:
    from seeds.demo import DemoRegion

# provider index → (occupation id, places, usual certificate, how to apply, accessibility)
VACANCIES = {
    0: [(2100, 2, "SBO_10_7_5", "Bewerbung mit Lebenslauf an ausbildung@kowalski.example", "")],
    1: [
        (9061, 1, "SBO_10_7_5", "Einfach vorbeikommen oder anrufen: 0231 555 010", ""),
        (6035, 2, "SBO_10_7_5", "Bewerbung per E-Mail an team@hoffmann.example", ""),
    ],
    2: [
        (
            7065,
            3,
            "SBO_10_7_7",
            "Bewerbung über unser Formular auf sonnenhof.example",
            "Barrierefreier Zugang, Aufzug vorhanden",
        )
    ],
}
IMPORTED = {
    "ref": "DEMO-10000-0000000001-S",
    "occupation": 2076,
    "employer": "Autohaus am Phoenixsee (Demo)",
    "postcode": "44263",
    "city": "Dortmund",
}


def _start(today: date) -> date:
    return date(today.year if today.month < 8 else today.year + 1, 8, 1)


def _vacancy(region: DemoRegion, occupation: Occupation, **fields) -> Vacancy:
    return Vacancy(
        kommune_id=region.kommune.id,
        occupation_id=occupation.id,
        title=occupation.title_de,
        kldb_code=occupation.kldb_code,
        berufsfeld=occupation.berufsfeld,
        **fields,
    )


def add_demo_vacancies(region: DemoRegion) -> dict:
    start = _start(clock.today())
    created = 0
    for index, specs in VACANCIES.items():
        provider = region.providers[index]
        for occupation_id, places, certificate, how, access in specs:
            occupation = db.session.get(Occupation, occupation_id)
            if occupation is None:
                continue
            exists = db.session.scalar(
                select(Vacancy.id).where(
                    Vacancy.provider_id == provider.id, Vacancy.title == occupation.title_de
                )
            )
            if exists:
                continue
            db.session.add(
                _vacancy(
                    region,
                    occupation,
                    provider_id=provider.id,
                    source="provider",
                    employer_name=provider.name,
                    starts_on=start,
                    places=places,
                    street=provider.street,
                    postcode=provider.postcode,
                    city=provider.city,
                    usual_certificate=certificate,
                    how_to_apply=how,
                    accessibility_notes=access,
                )
            )
            created += 1
    ref = IMPORTED["ref"]
    if not db.session.scalar(select(Vacancy.id).where(Vacancy.external_ref == ref)):
        db.session.add(
            _vacancy(
                region,
                db.session.get(Occupation, IMPORTED["occupation"]),
                source="ba",
                external_ref=ref,
                external_url=f"https://www.arbeitsagentur.de/jobsuche/jobdetail/{ref}",
                employer_name=IMPORTED["employer"],
                starts_on=start,
                postcode=IMPORTED["postcode"],
                city=IMPORTED["city"],
            )
        )
        created += 1
    db.session.flush()
    return {"vacancies": created}
