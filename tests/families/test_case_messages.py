"""Can a coordinator write to a youth in their language, by e-mail or as a letter, logged?"""

from __future__ import annotations

import pytest

from app.notifications.models import OutboxMail
from app.verantwortungskette.models import CaseContact
from tests.chain.helpers import hand_over
from tests.support import count_of, one_of


@pytest.fixture
def case_id(db, world, reference):
    pupil = world.pupil
    pupil.language = "uk"
    pupil.email = "mia@example.org"
    pupil.street, pupil.postcode, pupil.city = "Hauptstraße 5", "44137", "Dortmund"
    db.session.commit()
    # the e-mail reaches the case only because the consent covers it (issue 11)
    case = hand_over(world.users.stubo, pupil, "berufskolleg", world.berufskolleg, covers=["email"])
    db.session.commit()
    return case.id


def test_does_a_first_contact_go_out_in_ukrainian_and_into_the_log(db, world, case_id, login_as):
    """One outbox mail in the youth's language; the log names channel, template and date only."""
    coordinator = login_as(world.users.bk_coordinator)
    response = coordinator.post(
        f"/api/v1/cases/{case_id}/messages", json={"template": "first_contact"}
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["language"] == "uk"
    mail = one_of(OutboxMail, to_address="mia@example.org")
    assert mail.subject == "Ми хочемо допомогти тобі зі стартом після школи"
    assert "Привіт, Mia!" in mail.body and "Berufskolleg Mitte" in mail.body
    contact = one_of(CaseContact, case_id=case_id)
    assert (contact.channel, contact.template) == ("email", "first_contact")
    case = coordinator.get(f"/api/v1/cases/{case_id}").get_json()
    assert case["contacts"][0]["template"] == "first_contact"


def test_does_an_appointment_need_day_time_and_place(db, world, case_id, login_as):
    coordinator = login_as(world.users.bk_coordinator)
    response = coordinator.post(
        f"/api/v1/cases/{case_id}/messages",
        json={"template": "appointment", "appointment_on": "2026-11-20"},
    )
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("/appointment-needs-date-time-place")
    assert count_of(OutboxMail) == 0 and count_of(CaseContact) == 0


def test_is_there_a_letter_when_no_email_was_handed_over(db, world, case_id, login_as):
    """Without e-mail: the message is refused with a pointer to the letter, the letter is a PDF
    and is logged as a letter."""
    from app.verantwortungskette.models import VkCase

    db.session.get(VkCase, case_id).email = None
    db.session.commit()
    coordinator = login_as(world.users.bk_coordinator)
    refused = coordinator.post(f"/api/v1/cases/{case_id}/messages", json={"template": "reminder"})
    assert refused.status_code == 422
    assert refused.get_json()["type"].endswith("/case-without-email")
    letter = coordinator.get(f"/api/v1/cases/{case_id}/letter.pdf?template=first_contact")
    assert letter.status_code == 200 and letter.data.startswith(b"%PDF")
    contact = one_of(CaseContact, case_id=case_id)
    assert (contact.channel, contact.template) == ("letter", "first_contact")


def test_does_another_coordinator_reach_the_case(db, world, case_id, login_as):
    """The Kommune's coordinator did not receive this case: refused, nothing sent."""
    other = login_as(world.users.kommune_coordinator)
    response = other.post(f"/api/v1/cases/{case_id}/messages", json={"template": "reminder"})
    assert response.status_code in (403, 404)
    assert count_of(OutboxMail) == 0
