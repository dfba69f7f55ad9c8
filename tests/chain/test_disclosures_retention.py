"""Where did my data go (Art. 15), retention in time travel (B6), and `flask retention run`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core import clock
from app.core.audit import AuditEvent
from app.verantwortungskette import retention
from app.verantwortungskette.models import CaseContact, Handover, HandoverConsent, VkCase
from tests.chain.helpers import give_consent, hand_over
from tests.support import count_of


def test_does_the_pupil_see_transfers_consents_and_staff_access(world, login_as, db):
    """Recipient, legal basis, date, fields; consents; access by role and school, no names?"""
    hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    login_as(world.users.bk_coordinator).get("/api/v1/cases")
    pupil = login_as(world.pupil)
    body = pupil.get("/api/v1/me/disclosures").get_json()
    transfer = body["transfers"][0]
    assert transfer["recipient_name"] == "Berufskolleg Mitte"
    assert "Einwilligung" in transfer["legal_basis"] and transfer["date"]
    assert transfer["fields"] == ["identity", "contact", "prior_schooling", "intended_training"]
    assert [c["active"] for c in body["consents"]] == [True]
    roles = {(e["role"], e["school_name"], e["purpose"]) for e in body["access_events"]}
    assert ("bk_coordinator", "Berufskolleg Mitte", "school_transfer") in roles
    assert ("stubo", "Gesamtschule Nord", "school_transfer") in roles
    text = str(body["access_events"])
    for user in (world.users.stubo, world.users.bk_coordinator):
        assert user.last_name not in text and user.username not in text
    assert all("actor_id" not in e for e in body["access_events"])


def _personal_rows(db, pupil_id: int, case_ids: list[int]) -> int:
    return sum(
        (
            count_of(VkCase, VkCase.id.in_(case_ids)),
            count_of(CaseContact, CaseContact.case_id.in_(case_ids)),
            count_of(Handover, pupil_id=pupil_id),
            count_of(HandoverConsent, pupil_id=pupil_id),
        )
    )


def test_does_retention_delete_closed_cases_after_the_schedule(world, login_as, db, app):
    """Travel 7 months: are the closed case, contacts, personal links gone, the log kept?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    open_case = hand_over(world.users.stubo, world.classmate, "kommune")
    db.session.add(
        CaseContact(
            case_id=case.id, contacted_on=clock.today(), channel="phone", outcome="erreicht"
        )
    )
    case.status, case.closed_at = "abgeschlossen", clock.now() - timedelta(days=215)
    recent = hand_over(world.users.stubo, world.pupil_b, "kommune")
    recent.status, recent.closed_at = "abgelehnt", clock.now() - timedelta(days=20)
    db.session.commit()
    case_id = case.id
    counts = retention.run()
    db.session.commit()
    assert counts["cases_deleted"] == 1 and counts["contacts_deleted"] == 1
    assert _personal_rows(db, world.pupil.id, [case_id]) == 0
    assert db.session.get(VkCase, open_case.id) is not None
    assert db.session.get(VkCase, recent.id) is not None
    log = db.session.scalars(select(Handover).where(Handover.pupil_id.is_(None))).one()
    assert log.pseudonymised_at and log.recipient_name == "Berufskolleg Mitte"
    deletion = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "delete", AuditEvent.reason == "retention")
    ).all()
    assert [e.pupil_id for e in deletion] == [world.pupil.id]
    # The pupil still sees where the data went, through the keyed pseudonym.
    transfers = login_as(world.pupil).get("/api/v1/me/disclosures").get_json()["transfers"]
    assert [t["recipient_name"] for t in transfers] == ["Berufskolleg Mitte"]
    assert retention.run() == dict.fromkeys(counts, 0)


def test_are_statutory_transfers_kept_only_as_a_pseudonymous_log(world, db):
    """After the period, does the Agentur transfer record lose the pupil id (idempotently)?"""
    from app.verantwortungskette import common

    db.session.add(
        Handover(
            pupil_id=world.pupil.id,
            pupil_pseudonym=common.pseudonym(world.pupil.id),
            school_id=world.school.id,
            kind="statutory",
            legal_basis=common.LEGAL_BASIS_STATUTORY,
            recipient_kind="agentur_fuer_arbeit",
            recipient_name=common.AGENTUR_NAME,
            fields="name",
            handed_over_at=clock.now() - timedelta(days=200),
        )
    )
    db.session.commit()
    assert retention.run(batch_size=1)["statutory_pseudonymised"] == 1
    db.session.commit()
    assert count_of(Handover, pupil_id=world.pupil.id) == 0
    assert retention.run()["statutory_pseudonymised"] == 0


def test_does_retention_work_in_batches_and_pseudonymise_withdrawn_consents(world, db):
    """With batch size 1, are three old cases and their consents all processed?"""
    old = clock.now() - timedelta(days=400)
    for pupil in (world.pupil, world.classmate, world.pupil_b):
        case = hand_over(world.users.stubo, pupil, "kommune")
        case.status, case.closed_at = "vermittelt", old
    withdrawn = give_consent(world.pupil, "berufskolleg", world.berufskolleg)
    withdrawn.withdrawn_at = old
    db.session.commit()
    counts = retention.run(batch_size=1)
    assert counts["cases_deleted"] == 3 and counts["consents_pseudonymised"] == 4
    assert count_of(HandoverConsent, HandoverConsent.pupil_id.is_not(None)) == 0


def test_is_the_cli_safe_to_run_nightly(world, db, app):
    """Does `flask retention run` report counts and change nothing on a second run?"""
    case = hand_over(world.users.stubo, world.pupil, "kommune")
    case.status, case.closed_at = "abgeschlossen", clock.now() - timedelta(days=365)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["retention", "run", "--batch-size", "10"])
    assert first.exit_code == 0, first.output
    assert "cases_deleted=1" in first.output
    second = runner.invoke(args=["retention", "run"])
    assert "cases_deleted=0" in second.output and "consents_pseudonymised=0" in second.output
