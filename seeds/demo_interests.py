"""Demo data for interests and "Mein Weg": profiles, step statuses, reflections, shares.

schueler1 … schueler3 and schueler30 … schueler35 keep an empty portfolio and no profile, so
demos and browser tests can walk the pupil journey from scratch. Idempotent and deterministic
(see seeds/demo.py): profiles are found by their idempotency key, steps by their natural key.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core import clock
from app.extensions import db
from app.interests import catalog
from app.interests.models import InterestProfile
from app.interests.services import evaluate, occupation_profiles
from app.portfolio import plan
from app.portfolio.models import PortfolioStep, Share
from app.portfolio.services import ensure_steps

if TYPE_CHECKING:
    from seeds.demo import DemoRegion

UNTOUCHED = {f"schueler{n}" for n in (1, 2, 3, 30, 31, 32, 33, 34, 35)}
# Share of pupils (per step position) who have done / planned a step by now.
DONE_SHARE = (0.8, 0.5, 0.6, 0.3, 0.2, 0.1)
PLANNED_SHARE = 0.3
REFLECTIONS = (
    "Mir hat gefallen, dass ich selbst etwas ausprobieren durfte. Ich nehme mit: Ich arbeite "
    "gern im Team.",
    "Die Leute waren nett, aber der Tag war lang. Ich nehme mit: Ich möchte lieber draußen "
    "arbeiten.",
    "Spannend war, wie viel man am Computer planen muss. Ich nehme mit: Genau sein ist wichtig.",
    "Ich durfte Kundinnen und Kunden beraten. Das hat mir Spaß gemacht!",
)
PROVIDERS = (
    "Tischlerei Kaya",
    "Kita Sonnenblume",
    "Stadtwerke",
    "Praxis Dr. Jansen",
    "Bildungsträger",
)
FIELD_CODES = ("PRFE", "SP", "EL", "G", "WIVE", "M", "D")


def _answers(rng, item_types: dict[str, str]) -> dict[str, int]:
    """A plausible answer set: two or three preferred types per pupil."""
    liked = set(rng.sample(catalog.TYPES, k=rng.choice((2, 3))))
    return {
        item_id: rng.choice((3, 4, 5, 4)) if t in liked else rng.choice((1, 2, 2, 3))
        for item_id, t in item_types.items()
    }


def _profile(pupil, rng, occupations) -> int:
    key = f"demo-{pupil.username}"
    exists = db.session.scalar(
        select(InterestProfile.id).where(
            InterestProfile.pupil_id == pupil.id, InterestProfile.idempotency_key == key
        )
    )
    answers = _answers(rng, catalog.item_types())  # drawn always, so the sequence is stable
    if exists:
        return 0
    db.session.add(
        InterestProfile(
            pupil_id=pupil.id,
            questionnaire_version=catalog.questionnaire()["version"],
            answers=answers,
            idempotency_key=key,
            **evaluate(answers, occupations),
        )
    )
    return 1


def _fill_step(step: PortfolioStep, index: int, rng, year) -> dict:
    roll = rng.random()
    done_share = DONE_SHARE[index % len(DONE_SHARE)]
    values = {"status": "open", "date": None, "provider": "", "berufsfeld": None, "reflection": ""}
    if roll < done_share:
        day = year.starts_on + timedelta(days=rng.randrange(40, 150))
        values.update(status="done", date=day, provider=rng.choice(PROVIDERS))
        if rng.random() < 0.5:
            values["reflection"] = rng.choice(REFLECTIONS)
    elif roll < done_share + PLANNED_SHARE:
        values.update(status="planned", date=year.ends_on - timedelta(days=rng.randrange(20, 90)))
    if values["status"] != "open" and step.sbo_kuerzel in ("SBO 5.1", "SBO 6.1", "SBO 6.4"):
        values["berufsfeld"] = rng.choice(FIELD_CODES)
    return values


def _steps(pupil, jahrgang: str, rng, year) -> tuple[int, list[PortfolioStep]]:
    ensure_steps(pupil.id, jahrgang)
    steps = db.session.scalars(
        select(PortfolioStep).where(
            PortfolioStep.pupil_id == pupil.id, PortfolioStep.jahrgang == jahrgang
        )
    ).all()
    order = {(s.sbo_kuerzel, s.sequence): s.position for s in plan.steps_for(jahrgang)}
    steps = sorted(steps, key=lambda s: order.get((s.sbo_kuerzel, s.sequence), 99))
    changed = 0
    for index, step in enumerate(steps):
        values = _fill_step(step, index, rng, year)
        if any(getattr(step, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(step, name, value)
            step.updated_at = clock.now()
            changed += 1
    return changed, steps


def _share(pupil_id: int, step: PortfolioStep) -> int:
    active = db.session.scalar(
        select(Share.id).where(
            Share.pupil_id == pupil_id,
            Share.item_type == "step",
            Share.item_id == step.id,
            Share.revoked_at.is_(None),
        )
    )
    if active:
        return 0
    db.session.add(Share(pupil_id=pupil_id, item_type="step", item_id=step.id))
    return 1


def add_demo_interests(region: DemoRegion) -> dict:
    rng = region.random("interests-portfolio")
    occupations = occupation_profiles()
    year = region.school_year
    counts = {"interest_profiles": 0, "portfolio_steps_filled": 0, "portfolio_shares": 0}
    for class_name, pupils in sorted(region.pupils_by_class.items()):
        jahrgang = region.classes[class_name].jahrgang
        for pupil in sorted(pupils, key=lambda p: p.username or ""):
            if pupil.username in UNTOUCHED:
                continue
            if rng.random() < 0.6:
                counts["interest_profiles"] += _profile(pupil, rng, occupations)
            changed, steps = _steps(pupil, jahrgang, rng, year)
            db.session.flush()
            counts["portfolio_steps_filled"] += changed
            reflected = [s for s in steps if s.reflection]
            if reflected and rng.random() < 0.4:
                counts["portfolio_shares"] += _share(pupil.id, reflected[0])
    db.session.flush()
    return counts
