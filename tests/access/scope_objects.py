"""Object ids for every path parameter, as seen from the `world` fixture's users.

For each parameter name: a function (world, db) -> {"own": id, "same_kommune": id,
"other_kommune": id}. "own" is reachable by the own-school users of `world.users`
(own school / own class / own pupil), "same_kommune" belongs to another school of the same
Kommune, "other_kommune" to the school of the other Kommune. Features add their own
parameters here (create the objects inside the function; it runs once per matrix test).
"""

from __future__ import annotations


def _school_id(world, db):
    return {
        "own": world.school.id,
        "same_kommune": world.same_kommune_school.id,
        "other_kommune": world.other_school.id,
    }


def _class_id(world, db):
    return {
        "own": world.klasse.id,
        "same_kommune": world.same_kommune_class.id,
        "other_kommune": world.other_class.id,
    }


def _pupil_id(world, db):
    return {
        "own": world.pupil.id,
        "same_kommune": world.same_kommune_pupil.id,
        "other_kommune": world.other_pupil.id,
    }


def _kommune_id(world, db):
    return {
        "own": world.kommune.id,
        "same_kommune": world.kommune.id,
        "other_kommune": world.other_kommune.id,
    }


def _recipient_id(world, db):
    """Recipient organisations: the own Kommune's Agentur, a Jobcenter of the same Kommune,
    the other Kommune's Agentur."""
    from tests import factories as f

    jobcenter = f.make_recipient(world.kommune, "jobcenter", "Jobcenter Dortmund")
    db.session.commit()
    return {
        "own": world.agentur.id,
        "same_kommune": jobcenter.id,
        "other_kommune": world.other_agentur.id,
    }


def _provider_id(world, db):
    return {
        "own": world.provider_org.id,
        "same_kommune": world.provider_org.id,
        "other_kommune": world.other_provider_org.id,
    }


def _step_id(world, db):
    """Portfolio steps (KAoA step of one pupil): own pupil, same Kommune, other Kommune."""
    from app.portfolio.models import PortfolioStep

    steps = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        step = PortfolioStep(pupil_id=pupil.id, jahrgang="10", sbo_kuerzel="SBO 6.1", sequence=1)
        db.session.add(step)
        db.session.flush()
        steps[variant] = step.id
    db.session.commit()
    return steps


def _passkey_id(world, db):
    """A passkey of the own pupil, of a pupil in the same Kommune and of one in the other."""
    import os

    from app.auth.models import WebAuthnCredential

    ids = {}
    for variant, owner in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        passkey = WebAuthnCredential(
            user_id=owner.id, credential_id=os.urandom(32), public_key=b"not-a-key", name="Handy"
        )
        db.session.add(passkey)
        db.session.flush()
        ids[variant] = passkey.id
    db.session.commit()
    return ids


def _anschluss_objects(world, db, make):
    """One Anschluss object per scope variant, each belonging to that variant's pupil."""
    ids = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        obj = make(pupil)
        db.session.add(obj)
        db.session.flush()
        ids[variant] = obj.id
    db.session.commit()
    return ids


def _vereinbarung_id(world, db):
    """Anschlussvereinbarung versions of the own, same-Kommune and other-Kommune pupil."""
    from app.anschluss.models import Anschlussvereinbarung
    from tests.factories import current_school_year

    year = current_school_year()
    return _anschluss_objects(
        world,
        db,
        lambda pupil: Anschlussvereinbarung(
            pupil_id=pupil.id, school_year_id=year.id, version=1, stufe="10"
        ),
    )


def _next_step_id(world, db):
    """Next steps of an Anschlussvereinbarung of each variant's pupil."""
    from app.anschluss.models import Anschlussvereinbarung, NextStep
    from tests.factories import current_school_year

    year = current_school_year()

    def make(pupil):
        agreement = Anschlussvereinbarung(
            pupil_id=pupil.id, school_year_id=year.id, version=1, stufe="10"
        )
        db.session.add(agreement)
        db.session.flush()
        return NextStep(
            agreement_id=agreement.id, pupil_id=pupil.id, description="Bewerben", owner="pupil"
        )

    return _anschluss_objects(world, db, make)


def _anschluss_report_id(world, db):
    """Pending Anschluss reports of each variant's pupil."""
    from app.anschluss.models import AnschlussReport
    from tests.factories import current_school_year

    year = current_school_year()
    return _anschluss_objects(
        world,
        db,
        lambda pupil: AnschlussReport(
            pupil_id=pupil.id, school_year_id=year.id, proposed_status="nokean"
        ),
    )


def _application_id(world, db):
    """Bewerbungen of the own, same-Kommune and other-Kommune pupil."""
    from app.anschluss.models import Application
    from tests.factories import current_school_year

    year = current_school_year()
    return _anschluss_objects(
        world,
        db,
        lambda pupil: Application(
            pupil_id=pupil.id,
            school_year_id=year.id,
            target_kind="company",
            target_name="Betrieb",
            status="geplant",
            source="staff",
        ),
    )


def _alert_id(world, db):
    """No-show alerts of a leaver of the own school, a same-Kommune and an other-Kommune school."""
    from app.transition.models import TransitionAlert

    ids = {}
    for variant, pupil, school in (
        ("own", world.pupil, world.school),
        ("same_kommune", world.same_kommune_pupil, world.same_kommune_school),
        ("other_kommune", world.other_pupil, world.other_school),
    ):
        alert = TransitionAlert(
            pupil_id=pupil.id,
            school_id=school.id,
            kommune_id=school.kommune_id,
            reported_by_school_id=world.berufskolleg.id,
        )
        db.session.add(alert)
        db.session.flush()
        ids[variant] = alert.id
    db.session.commit()
    return ids


def _round_id(world, db):
    from tests.allocation.helpers import make_round, school_days

    days = school_days(2)
    ids = {
        "own": make_round(school=world.school, days=days).id,
        "same_kommune": make_round(school=world.same_kommune_school, days=days).id,
        "other_kommune": make_round(school=world.other_school, days=days).id,
    }
    db.session.commit()
    return ids


def _notification_id(world, db):
    from app.notifications.models import Notification
    from app.notifications.services import notify

    ids = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        notify(pupil.id, "booking_confirmed", {"offer_title": "IT", "starts_on": "2027-02-01"})
        ids[variant] = db.session.scalar(
            db.select(db.func.max(Notification.id)).where(Notification.user_id == pupil.id)
        )
    db.session.commit()
    return ids


def _chain_cases(world, db):
    """Verantwortungskette cases: "own" handed to world.berufskolleg (world.users.bk_coordinator),
    "same_kommune" to the coordination of world.kommune, "other_kommune" to the other Kommune's."""
    from tests import factories as f
    from tests.chain.helpers import hand_over

    same_stubo = f.make_user("stubo", school_id=world.same_kommune_school.id)
    other_stubo = f.make_user("stubo", school_id=world.other_school.id)
    ids = {
        "own": hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg).id,
        "same_kommune": hand_over(same_stubo, world.same_kommune_pupil, "kommune").id,
        "other_kommune": hand_over(other_stubo, world.other_pupil, "kommune").id,
    }
    db.session.commit()
    return ids


def _handover_consent_id(world, db):
    """Handover consents of the own, same-Kommune and other-Kommune pupil."""
    from tests.chain.helpers import give_consent

    ids = {
        "own": give_consent(world.pupil, "kommune").id,
        "same_kommune": give_consent(world.same_kommune_pupil, "kommune").id,
        "other_kommune": give_consent(world.other_pupil, "kommune").id,
    }
    db.session.commit()
    return ids


def _plan_declaration_id(world, db):
    """A pupil's own answer to a round: own, same-Kommune and other-Kommune pupil."""
    from app.verantwortungskette.round_models import PlanDeclaration

    ids = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        declaration = PlanDeclaration(pupil_id=pupil.id, plan="noch_offen")
        db.session.add(declaration)
        db.session.flush()
        ids[variant] = declaration.id
    db.session.commit()
    return ids


def _identification_round_id(world, db):
    """A round belongs to a Kommune, not to a school: every round of world.kommune is within
    reach of the own school's staff ("own"); "same_kommune" and "other_kommune" are rounds of
    the other Kommune (no object of the own Kommune lies outside a StuBO's reach)."""
    from datetime import date

    from app.verantwortungskette.models import IdentificationRound
    from tests.factories import current_school_year

    year = current_school_year()
    day = date(year.ends_on.year, 3, 1)
    rounds = {}
    for variant, kommune in (
        ("own", world.kommune),
        ("same_kommune", world.other_kommune),
        ("other_kommune", world.other_kommune),
    ):
        identification_round = IdentificationRound(
            kommune_id=kommune.id,
            school_year_id=year.id,
            name=f"Runde {variant}",
            starts_on=day,
            ends_on=date(day.year, 5, 31),
        )
        db.session.add(identification_round)
        db.session.flush()
        rounds[variant] = identification_round.id
    db.session.commit()
    return rounds


def _internship_objects(world, db) -> dict:
    """A BFE offer, a slot and a requested booking per variant: "own" = live offer of
    world.provider_org, booked by world.pupil; "same_kommune" = a draft offer of another provider
    of world.kommune (Kommune staff may reach it, school users may not: live offers are a
    Kommune-wide catalogue), booked by world.same_kommune_pupil; "other_kommune" = live offer of
    world.other_provider_org, booked by world.other_pupil."""
    from app.internships.capacity import place_booking
    from tests import factories as f
    from tests.internships.helpers import make_offer, make_slot

    providers = {
        "own": world.provider_org,
        "same_kommune": f.make_provider(world.kommune),
        "other_kommune": world.other_provider_org,
    }
    pupils = {
        "own": world.pupil,
        "same_kommune": world.same_kommune_pupil,
        "other_kommune": world.other_pupil,
    }
    ids = {"offer_id": {}, "slot_id": {}, "booking_id": {}}
    for variant, provider in providers.items():
        status = "draft" if variant == "same_kommune" else "published"
        slot = make_slot(make_offer(provider, status=status))
        booking = place_booking(pupils[variant].id, slot, "ITC", status="requested", source="pupil")
        ids["offer_id"][variant] = slot.offer_id
        ids["slot_id"][variant] = slot.id
        ids["booking_id"][variant] = booking.id
    db.session.commit()
    return ids


def _offer_id(world, db):
    return _internship_objects(world, db)["offer_id"]


def _slot_id(world, db):
    return _internship_objects(world, db)["slot_id"]


def _booking_id(world, db):
    return _internship_objects(world, db)["booking_id"]


def _user_id(world, db):
    """Provider contact users (the only routes with user_id): a colleague of world.provider_org
    ("own" and "same_kommune": the provider is of world.kommune), one of the other Kommune's."""
    from tests import factories as f

    ids = {}
    for variant, provider in (
        ("own", world.provider_org),
        ("same_kommune", world.provider_org),
        ("other_kommune", world.other_provider_org),
    ):
        contact = f.make_user("provider", provider_id=provider.id, kommune_id=provider.kommune_id)
        ids[variant] = contact.id
    db.session.commit()
    return ids


def _vacancy_id(world, db):
    """Ausbildungsplätze: "own" = live vacancy of world.provider_org; "same_kommune" = one of a
    provider of world.kommune not approved yet (Kommune staff may reach it, school users and
    other companies may not); "other_kommune" = live vacancy of world.other_provider_org."""
    from seeds.loader import load_reference
    from tests import factories as f
    from tests.vacancies.support import make_vacancy

    load_reference()
    ids = {
        "own": make_vacancy(world.provider_org).id,
        "same_kommune": make_vacancy(f.make_provider(world.kommune, approved=False)).id,
        "other_kommune": make_vacancy(world.other_provider_org).id,
    }
    db.session.commit()
    return ids


def _guardian_links(world, db) -> dict:
    """A guardian link of the own pupil, of a same-Kommune pupil and of the other Kommune's;
    ids for the staff routes, tokens for the guardian page (a public route: the token is the
    key, and each token reaches its own pupil only)."""
    from app.families import links

    issued = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        (entry,) = links.issue(world.users.admin, [pupil], {pupil.id: "de"})
        issued[variant] = entry
    db.session.commit()
    return issued


def _guardian_link_id(world, db):
    return {variant: entry["id"] for variant, entry in _guardian_links(world, db).items()}


def _guardian_token(world, db):
    return {variant: entry["token"] for variant, entry in _guardian_links(world, db).items()}


def _placement_id(world, db):
    """A self-found placement of the own pupil, of one in the same Kommune, of the other."""
    from datetime import time, timedelta

    from app.core import clock
    from app.internships.models import Placement

    start = clock.today() + timedelta(days=14)
    ids = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        placement = Placement(
            pupil_id=pupil.id,
            jahrgang="10",
            company_name="Bäckerei Yıldız",
            starts_on=start,
            ends_on=start + timedelta(days=11),
            daily_start=time(8),
            daily_end=time(14),
        )
        db.session.add(placement)
        db.session.flush()
        ids[variant] = placement.id
    db.session.commit()
    return ids


def _code(world, db):
    """A KAoA element code (not an object: the pupil in the path decides the scope)."""
    return {"own": "SBO_10_6", "same_kommune": "SBO_10_6", "other_kommune": "SBO_10_6"}


SCOPE_OBJECTS = {
    "code": _code,
    "placement_id": _placement_id,
    "school_id": _school_id,
    "class_id": _class_id,
    "pupil_id": _pupil_id,
    "kommune_id": _kommune_id,
    "provider_id": _provider_id,
    "recipient_id": _recipient_id,
    "step_id": _step_id,
    "passkey_id": _passkey_id,
    "vereinbarung_id": _vereinbarung_id,
    "next_step_id": _next_step_id,
    "anschluss_report_id": _anschluss_report_id,
    "application_id": _application_id,
    "alert_id": _alert_id,
    "round_id": _round_id,
    "notification_id": _notification_id,
    "case_id": _chain_cases,
    "handover_consent_id": _handover_consent_id,
    "identification_round_id": _identification_round_id,
    "plan_declaration_id": _plan_declaration_id,
    "offer_id": _offer_id,
    "slot_id": _slot_id,
    "booking_id": _booking_id,
    "user_id": _user_id,
    "vacancy_id": _vacancy_id,
    "guardian_link_id": _guardian_link_id,
    "token": _guardian_token,
}


def _occupation_id(world, db):
    """Occupations are open reference content: any id works the same for everyone."""
    from app.catalog.models import Occupation

    occupation = Occupation(
        id=990001,
        title_de="Testberuf/in",
        kldb_code="26212",
        berufsfeld=None,
        r=4,
        i=3,
        a=2,
        s=2,
        e=3,
        c=4,
        riasec_top3="RCI",
    )
    db.session.merge(occupation)
    db.session.commit()
    return {"own": 990001, "same_kommune": 990001, "other_kommune": 990002}


def _kuerzel(world, db):
    return {"own": "ITC", "same_kommune": "EL", "other_kommune": "XX"}


SCOPE_OBJECTS["occupation_id"] = _occupation_id
SCOPE_OBJECTS["kuerzel"] = _kuerzel


def _attachment_id(world, db):
    """A PDF on a shared step of the own pupil, of a pupil in the same Kommune and the other."""
    from app.portfolio.models import Attachment, AttachmentContent, PortfolioStep, Share

    ids = {}
    for variant, pupil in (
        ("own", world.pupil),
        ("same_kommune", world.same_kommune_pupil),
        ("other_kommune", world.other_pupil),
    ):
        step = PortfolioStep(pupil_id=pupil.id, jahrgang="10", sbo_kuerzel="SBO 2.1", sequence=9)
        db.session.add(step)
        db.session.flush()
        db.session.add(Share(pupil_id=pupil.id, item_type="step", item_id=step.id))
        attachment = Attachment(
            pupil_id=pupil.id,
            step_id=step.id,
            filename="a.pdf",
            media_type="application/pdf",
            size=9,
        )
        db.session.add(attachment)
        db.session.flush()
        db.session.add(AttachmentContent(attachment_id=attachment.id, data=b"%PDF-1.4\n"))
        ids[variant] = attachment.id
    db.session.commit()
    return ids


SCOPE_OBJECTS["attachment_id"] = _attachment_id
