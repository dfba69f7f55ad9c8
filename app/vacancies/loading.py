"""Loading youths and vacancies as column arrays for scoring.py, in a fixed number of statements.

Youths: the leavers of a Kommune's schools (the current school year; who leaves is the rule of
schools/leaving.py) whose
Anschluss is not secured, one pupil, or the youth of a Verantwortungskette case. Their position
is their home postcode's, else their school's (cases: the transferred postcode); their
certificate the achieved one, else the expected one; their interest profile the newest.
Vacancies: the live ones of the Kommune (open, deadline not passed, a provider's only once the
Kommune approved the provider), each with its occupation's centred RIASEC profile.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import func, select

from app.catalog.models import Occupation
from app.extensions import db
from app.interests.models import InterestProfile
from app.internships import geo
from app.internships.models import BERUFSFELDER
from app.schools.models import ClassMembership, School
from app.vacancies import certificates
from app.vacancies.models import Vacancy
from app.vacancies.queries import leaver_query, live_clause
from app.vacancies.scoring import TYPES, Vacancies, Youths

FIELD_INDEX = {code: index for index, code in enumerate(BERUFSFELDER)}
RIASEC_COLUMNS = (
    Occupation.r,
    Occupation.i,
    Occupation.a,
    Occupation.s,
    Occupation.e,
    Occupation.c,
)


# -- vacancies ----------------------------------------------------------------------------------


def _occupation_means() -> np.ndarray:
    row = db.session.execute(select(*(func.avg(column) for column in RIASEC_COLUMNS))).one()
    return np.array([float(v) if v is not None else np.nan for v in row])


def load_vacancies(kommune_id: int, today: date) -> Vacancies:
    """The Kommune's live vacancies (two statements: the occupations' mean, the rows)."""
    means = _occupation_means()
    # Core execution (no ORM row processing): thousands of plain tuples.
    rows = (
        db.session.connection()
        .execute(
            select(
                Vacancy.id,
                Vacancy.berufsfeld,
                Vacancy.usual_certificate,
                Vacancy.postcode,
                Vacancy.starts_on,
                *RIASEC_COLUMNS,
            )
            .outerjoin(Occupation, Occupation.id == Vacancy.occupation_id)
            .where(Vacancy.kommune_id == kommune_id, live_clause(today))
            .order_by(Vacancy.id)
        )
        .all()
    )
    profiles = np.array([row[5:] for row in rows], dtype=float).reshape(len(rows), 6)
    return Vacancies(
        ids=np.array([row.id for row in rows], dtype=np.int64),
        shapes=profiles - means[None, :],
        field_index=np.array([FIELD_INDEX.get(row.berufsfeld, -1) for row in rows]),
        levels=_levels(row.usual_certificate for row in rows),
        usual=[row.usual_certificate for row in rows],
        xy=_positions(row.postcode for row in rows),
        start_days=np.array(
            [np.nan if row.starts_on is None else (row.starts_on - today).days for row in rows],
            dtype=float,
        ),
        starts_on=[row.starts_on for row in rows],
        berufsfelder=[row.berufsfeld for row in rows],
    )


def _levels(keys) -> np.ndarray:
    return np.array(
        [np.nan if certificates.level(k) is None else certificates.level(k) for k in keys],
        dtype=float,
    )


def _positions(postcodes) -> np.ndarray:
    """Each postcode's position (NaN unknown): looked up once per distinct postcode."""
    codes = np.array([postcode or "" for postcode in postcodes], dtype=object)
    if len(codes) == 0:
        return np.zeros((0, 2))
    distinct, inverse = np.unique(codes.astype(str), return_inverse=True)
    table = np.array([geo.position(code) or (np.nan, np.nan) for code in distinct], dtype=float)
    return table[inverse.reshape(-1)]


# -- youths -------------------------------------------------------------------------------------


def leavers_of_kommune(kommune_id: int, today: date) -> Youths:
    rows = db.session.execute(
        leaver_query(today)
        .where(School.kommune_id == kommune_id)
        .order_by(ClassMembership.pupil_id)
    ).all()
    return build_youths(rows)


def leaver(pupil_id: int, today: date):
    """The pupil as a youth to match, or None when not a leaver without a secured Anschluss."""
    rows = db.session.execute(
        leaver_query(today).where(ClassMembership.pupil_id == pupil_id).limit(1)
    ).all()
    return build_youths(rows) if rows else None


def case_youth(case) -> Youths:
    """The youth of a case: transfer fields (postcode, certificate) and the pupil's profile."""
    row = {
        "key": case.id,
        "pupil_id": case.pupil_id,
        "certificate": case.certificate,
        "postcode": case.postcode or "",
    }
    return build_youths([_Row(**row)])


class _Row:
    def __init__(self, **values):
        self.__dict__.update(values)


def _latest_profiles(pupil_ids: list[int]) -> dict[int, tuple[dict, str, list]]:
    """pupil id → (scores, code, Berufsfeld ranking) of the newest profile (one statement)."""
    if not pupil_ids:
        return {}
    newest = (
        select(func.max(InterestProfile.id))
        .where(InterestProfile.pupil_id.in_(pupil_ids))
        .group_by(InterestProfile.pupil_id)
    )
    rows = db.session.execute(
        select(
            InterestProfile.pupil_id,
            InterestProfile.scores,
            InterestProfile.code,
            InterestProfile.berufsfelder,
        ).where(InterestProfile.id.in_(newest))
    )
    return {row.pupil_id: (row.scores, row.code, row.berufsfelder) for row in rows}


def build_youths(rows) -> Youths:
    """Column arrays from rows with key, pupil_id, certificate, postcode (+ one statement)."""
    profiles = _latest_profiles([row.pupil_id for row in rows if row.pupil_id is not None])
    riasec = np.full((len(rows), 6), np.nan)
    fields = np.full((len(rows), len(BERUFSFELDER)), np.nan)
    codes = []
    for i, row in enumerate(rows):
        scores, code, ranking = profiles.get(row.pupil_id, (None, "", None))
        if scores:
            riasec[i] = [float(scores.get(t, np.nan)) for t in TYPES]
        for entry in ranking or ():
            index = FIELD_INDEX.get(entry.get("kuerzel"))
            if index is not None:
                fields[i, index] = float(entry.get("score", 0)) / 100.0
        codes.append(code or "")
    return Youths(
        keys=[row.key for row in rows],
        riasec=riasec,
        codes=codes,
        fields=fields,
        levels=_levels(row.certificate for row in rows),
        xy=_positions(row.postcode for row in rows),
    )
