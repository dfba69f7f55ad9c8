"""Demo Verantwortungskette: identification rounds I and II, two handed-over cases (bk, kommune).

Two leavers of 10b without Anschluss (status nokean in the demo Anschluss data) consented; the
StuBO handed one to the Berufskolleg (coordinator `bk`, one contact logged) and one to the
Kommune's coordination (`kommune`, follow-up overdue). Idempotent and deterministic.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.anschluss.models import Anschluss
from app.core import clock
from app.extensions import db
from app.verantwortungskette import consent as consents
from app.verantwortungskette import handover
from app.verantwortungskette.models import CaseContact, Handover, IdentificationRound, VkCase

if TYPE_CHECKING:
    from seeds.demo import DemoRegion


def _rounds(region: DemoRegion) -> None:
    spring = region.school_year.ends_on.year
    for name, starts, ends in (
        ("Runde I", date(spring, 3, 1), date(spring, 4, 30)),
        ("Runde II", date(spring, 5, 1), date(spring, 5, 31)),
    ):
        exists = db.session.scalar(
            select(IdentificationRound.id).where(
                IdentificationRound.kommune_id == region.kommune.id,
                IdentificationRound.school_year_id == region.school_year.id,
                IdentificationRound.name == name,
            )
        )
        if exists is None:
            db.session.add(
                IdentificationRound(
                    kommune_id=region.kommune.id,
                    school_year_id=region.school_year.id,
                    name=name,
                    starts_on=starts,
                    ends_on=ends,
                    created_by_id=region.users["kommune"].id,
                )
            )
    db.session.flush()


def _leavers_without_anschluss(region: DemoRegion, count: int):
    pupils = region.pupils_by_class.get("10b", [])
    ids = set(
        db.session.scalars(
            select(Anschluss.pupil_id).where(
                Anschluss.pupil_id.in_([p.id for p in pupils]),
                Anschluss.school_year_id == region.school_year.id,
                Anschluss.status == "nokean",
            )
        )
    )
    return [p for p in pupils if p.id in ids][:count]


def _case(region: DemoRegion, pupil, recipient: str, school=None):
    if db.session.scalar(
        select(Handover.id).where(
            Handover.pupil_id == pupil.id, Handover.recipient_kind == recipient
        )
    ):
        return None
    data = {"recipient": recipient}
    if school is not None:
        data["recipient_school_id"] = school.id
    age = consents.age_on(pupil.birth_date, clock.today())
    given_by = "pupil" if age is not None and age >= 14 else "guardian"
    consents._record(pupil, given_by, data, region.users["stubo"])
    return handover.hand_over(region.users["stubo"], {"pupil_id": pupil.id, **data}).case


def add_demo_chain(region: DemoRegion) -> dict:
    _rounds(region)
    leavers = _leavers_without_anschluss(region, 2)
    if len(leavers) == 2:
        bk_case = _case(region, leavers[0], "berufskolleg", region.schools["berufskolleg"])
        if bk_case is not None:
            bk_case.status = "kontaktiert"
            bk_case.follow_up_on = clock.today() + timedelta(days=7)
            db.session.add(
                CaseContact(
                    case_id=bk_case.id,
                    contacted_on=clock.today(),
                    channel="phone",
                    outcome="nachricht_hinterlassen",
                    recorded_by_id=region.users["bk"].id,
                )
            )
        kommune_case = _case(region, leavers[1], "kommune")
        if kommune_case is not None:
            kommune_case.follow_up_on = clock.today() - timedelta(days=3)
    db.session.flush()
    # Totals, not "created now": a second run reports the same numbers (idempotence check).
    rounds = db.session.scalar(
        select(func.count(IdentificationRound.id)).where(
            IdentificationRound.kommune_id == region.kommune.id
        )
    )
    cases = db.session.scalar(
        select(func.count(VkCase.id))
        .join(Handover)
        .where(Handover.school_id == region.schools["gesamtschule"].id)
    )
    return {"identification_rounds": rounds, "vk_cases": cases}
