"""A pupil with data in every feature: portfolio and interests through the API, the rest
through services, test helpers and models (each row as the feature itself would store it)."""

from __future__ import annotations

import io
import secrets
from datetime import timedelta

from sqlalchemy import select

from app.allocation.models import AllocationAssignment
from app.anschluss.models import (
    Anschluss,
    AnschlussChange,
    AnschlussReport,
    Anschlussvereinbarung,
    Application,
    NextStep,
)
from app.auth.models import EnrolmentCode, UserSession, WebAuthnChallenge, WebAuthnCredential
from app.core import audit, clock
from app.extensions import db
from app.interests import catalog
from app.internships.models import Booking, BookingDay, DataTransferConsent, WaitlistEntry
from app.notifications.models import Notification, OutboxMail
from app.schools.models import ClassMembership, PupilTargetGroup, SchoolYear
from app.transition.models import TransitionAlert
from app.vacancies.models import Vacancy, VacancyInterest, VacancySuggestion
from app.verantwortungskette import round_snapshots
from app.verantwortungskette.models import CaseContact, IdentificationRound
from app.verantwortungskette.round_models import PlanDeclaration
from tests.allocation.helpers import make_round, rank
from tests.chain.helpers import hand_over
from tests.internships.helpers import make_offer, make_slot, school_day


def fill_portfolio(client) -> None:
    """Interest profile, a step with reflection, and a share, as the pupil does it."""
    answers = {item_id: 4 for item_id in catalog.item_types()}
    version = catalog.questionnaire()["version"]
    response = client.post(
        "/api/v1/me/interest-profiles", json={"questionnaire_version": version, "answers": answers}
    )
    assert response.status_code == 201, response.json
    step = client.get("/api/v1/me/portfolio").json["steps"][0]
    body = {"status": "done", "date": "2026-03-03", "provider": "Schule", "berufsfeld": None}
    body["reflection"] = "Mir hat das Werkstattpraktikum gefallen."
    assert client.put(f"/api/v1/me/portfolio/steps/{step['id']}", json=body).status_code == 200
    share = client.post("/api/v1/me/shares", json={"item_type": "step", "item_id": step["id"]})
    assert share.status_code == 201
    upload = client.post(
        f"/api/v1/me/portfolio/steps/{step['id']}/attachments",
        data={"file": (io.BytesIO(b"%PDF-1.4 Bescheinigung"), "bescheinigung.pdf")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 201, upload.json
    occupation = response.json["occupations"][0]["id"]
    assert client.put(f"/api/v1/me/favourites/{occupation}").status_code == 201


def _internships(world, pupil):
    offer = make_offer(world.provider_org)
    slot = make_slot(offer, school_day(10), booked=1)
    full = make_slot(offer, school_day(10, skip=1), capacity=1, booked=1)
    booking = Booking(
        pupil_id=pupil.id, slot_id=slot.id, berufsfeld="ITC", status="confirmed", source="pupil"
    )
    db.session.add(booking)
    db.session.flush()
    db.session.add_all(
        [
            BookingDay(booking_id=booking.id, pupil_id=pupil.id, day=slot.starts_on),
            WaitlistEntry(slot_id=full.id, pupil_id=pupil.id, berufsfeld="ITC"),
            DataTransferConsent(
                pupil_id=pupil.id,
                provider_id=world.provider_org.id,
                given_by="pupil",
                pupil_age=15,
                text_version="2026-1",
            ),
        ]
    )
    allocation_round = make_round(school=world.school, days=[slot.starts_on])
    rank(allocation_round, pupil, [slot])
    db.session.add(
        AllocationAssignment(
            round_id=allocation_round.id,
            pupil_id=pupil.id,
            slot_id=slot.id,
            rank=1,
            outcome="booked",
            booking_id=booking.id,
        )
    )


def _account(world, pupil):
    notification = Notification(
        user_id=pupil.id,
        kind="booking_confirmed",
        title_de="Buchung bestätigt",
        body_de="Dein Praktikum ist bestätigt.",
        title_en="Booking confirmed",
        body_en="Your internship is confirmed.",
    )
    db.session.add(notification)
    db.session.flush()
    db.session.add_all(
        [
            OutboxMail(
                user_id=pupil.id,
                notification_id=notification.id,
                to_address="mia@example.org",
                subject="Buchung bestätigt",
                body="Dein Praktikum ist bestätigt.",
            ),
            WebAuthnCredential(
                user_id=pupil.id,
                credential_id=secrets.token_bytes(16),
                public_key=secrets.token_bytes(32),
                name="Mein Handy",
            ),
            WebAuthnChallenge(
                challenge=secrets.token_urlsafe(32),
                purpose="register",
                binding=secrets.token_hex(16),
                user_id=pupil.id,
                expires_at=clock.now() + timedelta(minutes=5),
            ),
            UserSession(token_hash=secrets.token_hex(32), user_id=pupil.id, method="passkey"),
            EnrolmentCode(
                pupil_id=pupil.id,
                code_hash=secrets.token_hex(32),
                created_by_id=world.users.teacher.id,
                expires_at=clock.now() + timedelta(days=14),
            ),
        ]
    )


def _anschluss(world, pupil):
    year_id = world.klasse.school_year_id
    anschluss = Anschluss(pupil_id=pupil.id, school_year_id=year_id, status="beworben")
    db.session.add(anschluss)
    db.session.flush()
    agreement = Anschlussvereinbarung(
        pupil_id=pupil.id, school_year_id=year_id, version=1, stufe="10", wish_text="Mechatronik"
    )
    db.session.add(agreement)
    db.session.flush()
    db.session.add_all(
        [
            AnschlussChange(
                anschluss_id=anschluss.id,
                changed_by_id=world.users.teacher.id,
                changed_by_role="teacher",
                to_status="beworben",
            ),
            AnschlussReport(pupil_id=pupil.id, school_year_id=year_id, proposed_status="zugesagt"),
            Application(
                pupil_id=pupil.id,
                school_year_id=year_id,
                target_kind="company",
                target_name="Elektro Schmidt",
                status="beworben",
            ),
            NextStep(
                agreement_id=agreement.id,
                pupil_id=pupil.id,
                description="Bewerbung abschicken",
                owner="pupil",
            ),
        ]
    )
    db.session.add(
        TransitionAlert(
            pupil_id=pupil.id,
            school_id=world.school.id,
            kommune_id=world.kommune.id,
            reported_by_school_id=world.berufskolleg.id,
        )
    )
    case = hand_over(world.users.stubo, pupil, "berufskolleg", world.berufskolleg)
    db.session.add(
        CaseContact(
            case_id=case.id, contacted_on=clock.today(), channel="phone", outcome="erreicht"
        )
    )
    _vacancies(world, pupil, case)


def _vacancies(world, pupil, case):
    vacancy = Vacancy(
        kommune_id=world.kommune.id,
        provider_id=world.provider_org.id,
        title="Tischler/in",
        postcode="44137",
        starts_on=clock.today() + timedelta(days=200),
    )
    db.session.add(vacancy)
    db.session.flush()
    db.session.add(VacancyInterest(vacancy_id=vacancy.id, pupil_id=pupil.id))
    db.session.add(
        VacancySuggestion(
            case_id=case.id, vacancy_id=vacancy.id, pupil_id=pupil.id, suggested_on=clock.today()
        )
    )


def _guardians(world, pupil) -> None:
    """A guardian link, one use of it and the pupil's sharing choice."""
    from app.families import links, page
    from app.families.models import GuardianSharing

    (issued,) = links.issue(world.users.teacher, [pupil], {pupil.id: "tr"})
    page.log_use(links.resolve(issued["token"]), "view")
    db.session.add(
        GuardianSharing(
            pupil_id=pupil.id,
            share_plan=True,
            share_bookings=False,
            share_agreement=True,
            guardian_required=False,
        )
    )
    db.session.flush()


def _identification_round(world, pupil):
    """A round the pupil answered, frozen with the pupil on the school's list."""
    today = clock.today()
    identification_round = IdentificationRound(
        kommune_id=world.kommune.id,
        school_year_id=db.session.get(ClassMembership, _membership_id(pupil)).school_year_id,
        name="Runde I",
        starts_on=today - timedelta(days=5),
        ends_on=today - timedelta(days=1),
    )
    db.session.add(identification_round)
    db.session.flush()
    db.session.add(
        PlanDeclaration(
            pupil_id=pupil.id, identification_round_id=identification_round.id, plan="schule"
        )
    )
    db.session.flush()
    round_snapshots.freeze(identification_round)


def _membership_id(pupil) -> int:
    return db.session.scalars(
        select(ClassMembership.id).where(ClassMembership.pupil_id == pupil.id)
    ).first()


def _kaoa(world, pupil):
    """Target groups (as the teacher records them) and a self-found placement."""
    from datetime import time

    from app.internships.models import Placement

    db.session.add(
        Placement(
            pupil_id=pupil.id,
            jahrgang="10",
            company_name="Tischlerei Öztürk",
            starts_on=school_day(),
            ends_on=school_day(skip=9),
            daily_start=time(8),
            daily_end=time(14),
            visiting_teacher_id=world.users.teacher.id,
        )
    )
    db.session.add(
        PupilTargetGroup(
            pupil_id=pupil.id,
            foerderschwerpunkt="LE",
            sen_learning=True,
            updated_by=world.users.teacher.id,
        )
    )


def seed_everything(world, client) -> None:
    """`client` is logged in as world.pupil; afterwards every feature holds a row of theirs."""
    fill_portfolio(client)
    pupil = world.pupil
    _internships(world, pupil)
    _account(world, pupil)
    _anschluss(world, pupil)
    _guardians(world, pupil)
    _identification_round(world, pupil)
    _kaoa(world, pupil)
    audit.record(
        world.users.teacher,
        "read",
        "pupil",
        [pupil.id],
        audit.Purpose.CLASS_MANAGEMENT,
        ("identity",),
    )
    db.session.commit()


def last_school_year_end(pupil_id: int):
    return db.session.scalar(
        select(SchoolYear.ends_on)
        .join(ClassMembership, ClassMembership.school_year_id == SchoolYear.id)
        .where(ClassMembership.pupil_id == pupil_id)
        .order_by(SchoolYear.ends_on.desc())
        .limit(1)
    )
