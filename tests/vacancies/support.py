"""Helpers of the vacancy tests: vacancies, interest profiles and leaver records made directly."""

from __future__ import annotations

from datetime import date, timedelta

from app.anschluss.models import Anschluss
from app.core import clock
from app.extensions import db
from app.interests.models import InterestProfile
from app.vacancies.models import Vacancy
from tests.factories import current_school_year

TISCHLER, KOCH, ERZIEHER, FRISEUR = 5200, 9079, 8003, 7078
HAUPTSCHULABSCHLUSS, MSA, ABITUR, ABGANG = "SBO_10_7_5", "SBO_10_7_7", "SBO_10_7_13", "SBO_10_7_2"


def make_vacancy(provider, occupation_id: int = ERZIEHER, **fields) -> Vacancy:
    from app.catalog.models import Occupation

    occupation = db.session.get(Occupation, occupation_id)
    values = {
        "kommune_id": provider.kommune_id,
        "provider_id": provider.id,
        "source": "provider",
        "employer_name": provider.name,
        "occupation_id": occupation.id,
        "title": occupation.title_de,
        "kldb_code": occupation.kldb_code,
        "berufsfeld": occupation.berufsfeld,
        "starts_on": clock.today() + timedelta(days=270),
        "postcode": "44137",
        "city": "Dortmund",
        "usual_certificate": HAUPTSCHULABSCHLUSS,
        "how_to_apply": "Bewerbung per E-Mail",
        **fields,
    }
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def give_profile(pupil, scores: dict, code: str, fields: dict | None = None) -> InterestProfile:
    """An interest profile as the questionnaire stores it (scores 0–100, Berufsfeld ranking)."""
    ranking = [{"kuerzel": k, "score": v} for k, v in (fields or {}).items()]
    profile = InterestProfile(
        pupil_id=pupil.id,
        questionnaire_version="test",
        answers={},
        scores=scores,
        code=code,
        berufsfelder=ranking,
    )
    db.session.add(profile)
    db.session.flush()
    return profile


SOCIAL = {"R": 20, "I": 30, "A": 60, "S": 90, "E": 55, "C": 25}  # S-A-E


def set_record(pupil, status: str = "offen", expected: str | None = HAUPTSCHULABSCHLUSS):
    record = Anschluss(
        pupil_id=pupil.id,
        school_year_id=current_school_year().id,
        status=status,
        expected_certificate=expected,
    )
    db.session.add(record)
    db.session.flush()
    return record


def future(days: int) -> date:
    return clock.today() + timedelta(days=days)
