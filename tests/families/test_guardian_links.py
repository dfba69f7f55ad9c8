"""Can guardians take part through a link, and does a link reach its own pupil only?"""

from __future__ import annotations

from datetime import timedelta

from app.anschluss.agreement import agreement_view
from app.anschluss.models import Anschlussvereinbarung
from app.anschluss.pdf import _confirmations
from app.core import clock
from app.families.models import GuardianLink, GuardianLinkUse
from app.internships.models import DataTransferConsent
from tests.families.support import issue_link
from tests.support import count_of, one_of


def test_is_the_token_shown_once_and_stored_only_as_a_hash(db, world, family, login_as):
    """Does the answer carry the token and a QR code, and the database only its hash?"""
    issued = issue_link(login_as(world.users.teacher), world.pupil.id)
    assert issued["url"].endswith(f"#/guardian/{issued['token']}")
    assert issued["qr_svg"].startswith("<svg")
    link = one_of(GuardianLink, id=issued["id"])
    assert issued["token"] not in link.token_hash and len(link.token_hash) == 64
    assert link.language == "tr"
    listed = login_as(world.users.teacher).get(f"/api/v1/pupils/{world.pupil.id}/guardian-links")
    assert "token" not in listed.get_json()[0]


def test_does_the_link_end_with_the_school_year(db, world, family, login_as, guardian):
    """Is the link valid until 31 July and refused the day after?"""
    issued = issue_link(login_as(world.users.teacher), world.pupil.id)
    assert issued["expires_at"].startswith(f"{clock.today().year + 1}-07-31")
    clock.travel_to(clock.today().replace(year=clock.today().year + 1, month=8, day=1))
    response = guardian.get(f"/api/v1/guardian/{issued['token']}")
    assert response.status_code == 404
    assert response.get_json()["type"].endswith("/guardian-link-invalid")


def test_does_a_revoked_or_reissued_link_stop_working(db, world, family, login_as, guardian):
    """Does revoking end the page at once, and does a new link end the older one?"""
    teacher = login_as(world.users.teacher)
    first = issue_link(teacher, world.pupil.id)
    second = issue_link(teacher, world.pupil.id)
    assert guardian.get(f"/api/v1/guardian/{first['token']}").status_code == 404
    assert guardian.get(f"/api/v1/guardian/{second['token']}").status_code == 200
    assert teacher.delete(f"/api/v1/guardian-links/{second['id']}").status_code == 200
    assert guardian.get(f"/api/v1/guardian/{second['token']}").status_code == 404
    again = teacher.delete(f"/api/v1/guardian-links/{second['id']}")
    assert again.status_code == 409


def test_does_the_guardian_page_show_the_pupil_in_the_links_language(
    db, world, family, login_as, guardian
):
    """Below 14: plan, bookings, agreement and the consents the guardians may give."""
    issued = issue_link(login_as(world.users.teacher), world.pupil.id)
    response = guardian.get(f"/api/v1/guardian/{issued['token']}")
    assert response.status_code == 200, response.get_json()
    page = response.get_json()
    assert page["pupil_first_name"] == "Mia" and page["language"] == "tr"
    assert page["guardians_decide"] is True
    assert [b["title"] for b in page["bookings"]] == ["Ein Tag in der Werkstatt"]
    assert page["agreement"]["wish_text"] == "Ausbildung als Mechatronikerin"
    assert [c["provider_id"] for c in page["consents"]["company"]] == [family["provider_id"]]
    assert "Fremdbetrieb" not in response.get_data(as_text=True)
    assert "Eva" not in response.get_data(as_text=True)
    assert count_of(GuardianLinkUse, pupil_id=world.pupil.id, action="view") == 1


def test_may_a_guardian_give_and_withdraw_the_company_consent(
    db, world, family, login_as, guardian
):
    """Is the consent stored as the guardian's, with text version and language logged?"""
    token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
    body = {"kind": "company", "provider_id": family["provider_id"], "given": True}
    response = guardian.post(f"/api/v1/guardian/{token}/consents", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["company"][0]["given"] is True
    consent = one_of(DataTransferConsent, pupil_id=world.pupil.id)
    assert consent.given_by == "guardian" and consent.revoked_at is None
    use = one_of(GuardianLinkUse, action="company_consent_given")
    assert (use.language, use.text_version) == ("tr", consent.text_version)
    body["given"] = False
    assert guardian.post(f"/api/v1/guardian/{token}/consents", json=body).status_code == 200
    assert one_of(DataTransferConsent, pupil_id=world.pupil.id).revoked_at is not None


def test_does_a_link_never_reach_another_pupil(db, world, family, login_as, guardian):
    """Another pupil's provider or agreement through this link: refused, nothing stored."""
    token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
    body = {"kind": "company", "provider_id": family["other_provider_id"], "given": True}
    response = guardian.post(f"/api/v1/guardian/{token}/consents", json=body)
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("/consent-provider-not-booked")
    confirm = guardian.post(
        f"/api/v1/guardian/{token}/confirmation",
        json={"vereinbarung_id": family["other_agreement_id"]},
    )
    assert confirm.status_code == 404
    assert count_of(DataTransferConsent) == 0
    unknown = guardian.get("/api/v1/guardian/not-a-real-token")
    assert unknown.status_code == 404


def test_may_the_guardian_confirm_the_agreement_and_does_the_pdf_say_so(
    db, world, family, login_as, guardian
):
    """Is the confirmation stored once and printed with date and who confirmed?"""
    token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
    url = f"/api/v1/guardian/{token}/confirmation"
    response = guardian.post(url, json={"vereinbarung_id": family["agreement_id"]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["guardian_confirmed_at"] is not None
    again = guardian.post(url, json={"vereinbarung_id": family["agreement_id"]})
    assert again.status_code == 409
    pdf = login_as(world.pupil).get(f"/api/v1/anschlussvereinbarungen/{family['agreement_id']}/pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    record = db.session.get(Anschlussvereinbarung, family["agreement_id"])
    (line,) = _confirmations(agreement_view(record))
    expected = (
        f"Von den Erziehungsberechtigten über ihren Link bestätigt am {clock.today():%d.%m.%Y}"
    )
    assert line.startswith(expected)


def test_does_a_pupil_of_14_decide_what_the_guardians_see(db, world, family, login_as, guardian):
    """From 14: nothing until the pupil shares; no consents by the guardians."""
    world.pupil.birth_date = clock.today() - timedelta(days=15 * 365)
    db.session.commit()
    token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
    page = guardian.get(f"/api/v1/guardian/{token}").get_json()
    assert page["sections"] == [] and page["consents"] is None and page["agreement"] is None
    pupil = login_as(world.pupil)
    shared = pupil.put(
        "/api/v1/me/guardian-sharing",
        json={"share_plan": False, "share_bookings": True, "share_agreement": True},
    )
    assert shared.status_code == 200, shared.get_json()
    page = guardian.get(f"/api/v1/guardian/{token}").get_json()
    assert page["sections"] == ["agreement", "bookings"] and page["plan"] is None
    body = {"kind": "company", "provider_id": family["provider_id"], "given": True}
    refused = guardian.post(f"/api/v1/guardian/{token}/consents", json=body)
    assert refused.status_code == 403


def test_does_a_recorded_incapacity_keep_the_guardians_in(db, world, family, login_as, guardian):
    """A pupil of 15 who cannot consent: the school records it, the guardians decide."""
    world.pupil.birth_date = clock.today() - timedelta(days=15 * 365)
    db.session.commit()
    teacher = login_as(world.users.teacher)
    recorded = teacher.put(
        f"/api/v1/pupils/{world.pupil.id}/guardian-requirement", json={"guardian_required": True}
    )
    assert recorded.status_code == 200 and recorded.get_json()["guardians_decide"] is True
    shown = teacher.get(f"/api/v1/pupils/{world.pupil.id}/guardian-requirement").get_json()
    assert shown["guardian_required"] is True
    token = issue_link(teacher, world.pupil.id)["token"]
    assert guardian.get(f"/api/v1/guardian/{token}").get_json()["consents"] is not None
    refused = login_as(world.pupil).put(
        "/api/v1/me/guardian-sharing",
        json={"share_plan": False, "share_bookings": False, "share_agreement": False},
    )
    assert refused.status_code == 403


def test_are_guardian_links_rate_limited(app, db, world, family, login_as, guardian):
    """Does a burst of calls from one address end with 429 problem+json?"""
    app.config["GUARDIAN_LINK_RATE_LIMIT"] = "3 per minute"
    try:
        token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
        statuses = [guardian.get(f"/api/v1/guardian/{token}").status_code for _ in range(5)]
    finally:
        app.config["GUARDIAN_LINK_RATE_LIMIT"] = "60 per minute"
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429


def test_does_the_pupil_see_the_guardians_actions_in_the_disclosures(
    db, world, family, login_as, guardian
):
    """Views, consents and confirmations through the link appear in GET /me/disclosures."""
    token = issue_link(login_as(world.users.teacher), world.pupil.id)["token"]
    guardian.get(f"/api/v1/guardian/{token}")
    guardian.post(
        f"/api/v1/guardian/{token}/consents",
        json={"kind": "company", "provider_id": family["provider_id"], "given": True},
    )
    guardian.post(
        f"/api/v1/guardian/{token}/confirmation", json={"vereinbarung_id": family["agreement_id"]}
    )
    disclosures = login_as(world.pupil).get("/api/v1/me/disclosures").get_json()
    actions = [use["action"] for use in disclosures["guardian_link_uses"]]
    assert actions == ["agreement_confirmed", "company_consent_given", "view"]


def test_does_a_teacher_print_guardian_letters_for_the_class(db, world, family, login_as, guardian):
    """One page per pupil with a fresh link in the chosen language, also right to left."""
    teacher = login_as(world.users.teacher)
    old = issue_link(teacher, world.pupil.id)
    response = teacher.get(f"/api/v1/classes/{world.klasse.id}/guardian-letters.pdf?language=ar")
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.data.count(b"/Type /Page\n") + response.data.count(b"/Type /Page ") >= 2
    links = db.session.scalars(
        GuardianLink.__table__.select().where(GuardianLink.revoked_at.is_(None))
    ).all()
    assert len(links) == 2  # Mia and Ali of 10a, each with a new Arabic link
    assert guardian.get(f"/api/v1/guardian/{old['token']}").status_code == 404
    cross_site = teacher.get(
        f"/api/v1/classes/{world.klasse.id}/guardian-letters.pdf",
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 403


def test_do_letters_render_every_language():
    """Arabic shaped right to left, Cyrillic and Turkish letters: every page renders."""
    from app.families.letters import letter_texts
    from app.families.pdf import LanguageDocument

    doc = LanguageDocument("test")
    for language, texts in letter_texts().items():
        doc.add_page()
        doc.use_language(language)
        doc.heading(texts["title"])
        doc.paragraph(texts["body"].format(first_name="Mia", school="Schule", date="31.07.2027"))
        doc.latin("http://localhost/#/guardian/abc")
    assert bytes(doc.output()).startswith(b"%PDF")
    assert doc.pages_count == 7
