"""Demo Verantwortungskette: rounds I and II, recipients, three handed-over cases.

The Kommune has configured its recipients: the Agentur für Arbeit (coordinator `agentur`), its
Berufskolleg (`bk`) and its Kommunale Koordinierung (`kommune`). Three leavers of 10b without
Anschluss (status nokean in the demo Anschluss data) consented; the StuBO handed one to the
Berufskolleg (one contact logged), one to the Kommune's coordination (follow-up overdue) and one
to the Agentur für Arbeit (consent covers a phone number). Idempotent and deterministic.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.anschluss.models import Anschluss
from app.core import clock
from app.extensions import db
from app.verantwortungskette import consent as consents
from app.verantwortungskette import handover, recipients
from app.verantwortungskette.models import (
    CaseContact,
    Handover,
    IdentificationRound,
    Recipient,
    RecipientCoordinator,
    VkCase,
)

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


def _recipient(region: DemoRegion, kind: str, school=None) -> Recipient:
    query = select(Recipient).where(
        Recipient.kommune_id == region.kommune.id, Recipient.kind == kind
    )
    found = db.session.scalar(query)
    if found is None:
        data = {"kind": kind, "school_id": school.id if school else None}
        if kind == "agentur_fuer_arbeit":
            data["name"] = f"Agentur für Arbeit {region.kommune.name}"
        found = recipients.create(region.kommune.id, data)
    return found


def _recipients(region: DemoRegion) -> dict[str, Recipient]:
    made = {
        "agentur": _recipient(region, "agentur_fuer_arbeit"),
        "berufskolleg": _recipient(region, "berufskolleg", region.schools["berufskolleg"]),
        "kommune": _recipient(region, "kommunale_koordinierung"),
    }
    coordinator = region.users["agentur"]
    if db.session.get(RecipientCoordinator, coordinator.id) is None:
        db.session.add(
            RecipientCoordinator(user_id=coordinator.id, recipient_id=made["agentur"].id)
        )
    db.session.flush()
    return made


def _case(region: DemoRegion, pupil, recipient: Recipient, **coverage):
    if db.session.scalar(
        select(Handover.id).where(Handover.pupil_id == pupil.id, Handover.kind == "consent")
    ):
        return None
    data = {"recipient_id": recipient.id}
    age = consents.age_on(pupil.birth_date, clock.today())
    given_by = "pupil" if age is not None and age >= 14 else "guardian"
    consents._record(pupil, given_by, {**data, **coverage}, region.users["stubo"])
    return handover.hand_over(region.users["stubo"], {"pupil_id": pupil.id, **data}).case


def add_demo_chain(region: DemoRegion) -> dict:
    _rounds(region)
    targets = _recipients(region)
    leavers = _leavers_without_anschluss(region, 3)
    if len(leavers) >= 2:
        bk_case = _case(region, leavers[0], targets["berufskolleg"])
        if bk_case is not None:
            bk_case.status = "kontaktiert"
            bk_case.follow_up_on = clock.today() + timedelta(days=7)
            db.session.add(
                CaseContact(
                    case_id=bk_case.id,
                    contacted_on=clock.today(),
                    channel="letter",
                    outcome="unterlagen_zugesandt",
                    recorded_by_id=region.users["bk"].id,
                )
            )
        kommune_case = _case(region, leavers[1], targets["kommune"])
        if kommune_case is not None:
            kommune_case.follow_up_on = clock.today() - timedelta(days=3)
    if len(leavers) == 3:
        _case(
            region,
            leavers[2],
            targets["agentur"],
            covers=["phone"],
            phone="0231 555 0102",
            preferred_channel="phone",
        )
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
