"""Interest questionnaire and profiles: validate answers, score, match, keep the history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.catalog.models import Occupation
from app.core.errors import Conflict, Invalid
from app.core.provided import Provided
from app.extensions import db
from app.interests import catalog, occupations
from app.interests.matching import (
    TOP_OCCUPATIONS,
    OccupationProfile,
    explore_also,
    rank_berufsfelder,
    rank_occupations,
)
from app.interests.models import InterestProfile
from app.interests.scoring import score

# Sharing a profile with the class teacher is a portfolio action (the portfolio builds on this
# feature): ids of the pupil's profiles shared now.
shared_profile_ids = Provided("shared interest profile ids (portfolio.sharing.shared_item_ids)")


def current_questionnaire() -> dict:
    """The questionnaire in both languages, with scale, scoring rule and attributions."""
    data = catalog.questionnaire()
    return {**data, "occupation_attribution": catalog.occupation_attribution()}


def _validate(questionnaire_version: str, answers: dict[str, int]) -> None:
    data = catalog.questionnaire()
    if questionnaire_version != data["version"]:
        raise Invalid(
            "questionnaire-version-outdated",
            field="questionnaire_version",
            expected=data["version"],
        )
    known = catalog.item_types()
    unknown = sorted(set(answers) - set(known))
    missing = [item_id for item_id in known if item_id not in answers]
    if unknown:
        errors = {"answers": ["answers-unknown-items"]}
        raise Invalid("answers-incomplete", errors=errors, items=unknown[:10])
    if missing:
        errors = {"answers": ["answers-missing-items"]}
        raise Invalid("answers-incomplete", errors=errors, items=missing[:10])


def occupation_profiles() -> list[OccupationProfile]:
    """All occupations of the catalogue in one query."""
    rows = db.session.execute(
        select(
            Occupation.id,
            Occupation.title_de,
            Occupation.berufsfeld,
            Occupation.r,
            Occupation.i,
            Occupation.a,
            Occupation.s,
            Occupation.e,
            Occupation.c,
        )
    ).all()
    return [OccupationProfile(row[0], row[1], row[2], tuple(row[3:])) for row in rows]


def evaluate(answers: dict[str, int], occupations: list[OccupationProfile]) -> dict:
    """Scores, code, ties and matches for a complete set of answers (no database access)."""
    data = catalog.questionnaire()
    result = score(answers, catalog.item_types(), data["scoring"]["min_answers_per_type"])
    table = catalog.field_weights()
    ranked = rank_berufsfelder(result.scores, table)
    return {
        "scores": result.scores,
        "code": result.code,
        "ties": result.ties,
        "berufsfelder": ranked,
        "explore": explore_also(result.order, ranked, table),
        "occupations": rank_occupations(result.scores, result.code, occupations, TOP_OCCUPATIONS),
    }


def _by_key(pupil_id: int, key: str) -> InterestProfile | None:
    return db.session.scalar(
        select(InterestProfile).where(
            InterestProfile.pupil_id == pupil_id, InterestProfile.idempotency_key == key
        )
    )


def _replay(existing: InterestProfile, version: str, answers: dict) -> InterestProfile:
    if existing.questionnaire_version != version or existing.answers != answers:
        raise Conflict("idempotency-key-reused", field="Idempotency-Key")
    return existing


def create_profile(
    pupil, questionnaire_version: str, answers: dict[str, int], idempotency_key: str | None
) -> tuple[InterestProfile, bool]:
    """Store a new profile; (profile, created). A known idempotency key returns its profile."""
    if idempotency_key:
        existing = _by_key(pupil.id, idempotency_key)
        if existing is not None:
            return _replay(existing, questionnaire_version, answers), False
    _validate(questionnaire_version, answers)
    profile = InterestProfile(
        pupil_id=pupil.id,
        questionnaire_version=questionnaire_version,
        answers=dict(sorted(answers.items())),
        idempotency_key=idempotency_key,
        **evaluate(answers, occupation_profiles()),
    )
    try:
        with db.session.begin_nested():
            db.session.add(profile)
            db.session.flush()
    except IntegrityError:
        # A concurrent retry with the same key committed first: answer with its profile.
        existing = _by_key(pupil.id, idempotency_key) if idempotency_key else None
        if existing is None:
            raise
        return _replay(existing, questionnaire_version, answers), False
    return profile, True


def _changes(current: InterestProfile, previous: InterestProfile | None) -> dict | None:
    if previous is None:
        return None
    return {
        "previous_id": previous.id,
        "previous_code": previous.code,
        "previous_created_at": previous.created_at,
        "score_changes": {t: current.scores[t] - previous.scores[t] for t in catalog.TYPES},
    }


def profile_view(profile: InterestProfile, shared: bool, previous=None) -> dict:
    return {
        "id": profile.id,
        "created_at": profile.created_at,
        "questionnaire_version": profile.questionnaire_version,
        "scores": profile.scores,
        "code": profile.code,
        "ties": profile.ties,
        "berufsfelder": profile.berufsfelder,
        "explore": profile.explore,
        "occupations": [
            {**job, "description": occupations.description(job["id"])}
            for job in profile.occupations
        ],
        "shared": shared,
        "comparison": _changes(profile, previous),
    }


def pupil_profiles(pupil_id: int) -> list[InterestProfile]:
    """All profiles of a pupil, newest first (one query)."""
    return list(
        db.session.scalars(
            select(InterestProfile)
            .where(InterestProfile.pupil_id == pupil_id)
            .order_by(InterestProfile.created_at.desc(), InterestProfile.id.desc())
        )
    )


def list_profiles(pupil) -> list[dict]:
    """The pupil's history, newest first; each compared with the one before it."""
    profiles = pupil_profiles(pupil.id)
    shared = shared_profile_ids(pupil.id)
    return [
        profile_view(p, p.id in shared, profiles[i + 1] if i + 1 < len(profiles) else None)
        for i, p in enumerate(profiles)
    ]


def created_view(pupil, profile: InterestProfile) -> dict:
    """The answer to a POST: the profile compared with the pupil's previous one."""
    previous = db.session.scalar(
        select(InterestProfile)
        .where(InterestProfile.pupil_id == pupil.id, InterestProfile.id < profile.id)
        .order_by(InterestProfile.id.desc())
        .limit(1)
    )
    shared = profile.id in shared_profile_ids(pupil.id)
    return profile_view(profile, shared, previous)
