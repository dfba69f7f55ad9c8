"""The .ics export with hostile offer texts (issue 9, L9): no value can break out of its line."""

from __future__ import annotations

import re

from tests.internships.helpers import make_offer, make_slot

# No NUL: PostgreSQL cannot store it, and the API refuses it before anything reads it (L3).
HOSTILE = "Tag\rX-INJECTED:1\nBEGIN:VEVENT\r\nSUMMARY:Fake\x0bA\x01B\x1bC\x7fD\x85E\u2028F\tG;H,I\\"
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def test_can_offer_texts_inject_lines_into_the_calendar_file(world, db, login_as):
    """Do bare CRs, LFs and other control characters in every text field stay inside it?"""
    offer = make_offer(world.provider_org, title=HOSTILE)
    offer.street, offer.city = HOSTILE, HOSTILE
    world.provider_org.name = HOSTILE
    slot = make_slot(offer)
    db.session.commit()
    pupil = login_as(world.pupil)
    assert pupil.post("/api/v1/bookings", json={"slot_id": slot.id}).status_code == 201
    response = pupil.get("/api/v1/me/bookings.ics")
    assert response.status_code == 200
    text = response.data.decode()
    lines = text.split("\r\n")
    assert lines[-1] == ""  # the file ends with CRLF
    for line in lines[:-1]:
        assert not CONTROL.search(line), repr(line)
        assert "\r" not in line and "\n" not in line
    unfolded = re.sub("\r\n ", "", text).split("\r\n")
    assert not any(line.startswith(("X-INJECTED", "SUMMARY:Fake")) for line in unfolded)
    assert sum(line == "BEGIN:VEVENT" for line in unfolded) == 1
    summary = next(line for line in unfolded if line.startswith("SUMMARY:"))
    assert summary.startswith(r"SUMMARY:Tag\nX-INJECTED:1\nBEGIN:VEVENT\nSUMMARY:Fake")
    assert r"ABCD\nE\nF G\;H\,I\\" in summary
