"""The attendance certificate names what the codes stand for."""

from __future__ import annotations

from app.internships.certificates import certificate_lines
from app.internships.models import Booking
from tests.internships.helpers import make_offer, make_slot


def test_does_the_certificate_name_the_berufsfeld(world, reference, db):
    """ "Berufsfeld: IT, Computer" — not "Berufsfeld: ITC"?"""
    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)))
    booking = Booking(pupil_id=world.pupil.id, slot_id=slot.id, berufsfeld="ITC", status="attended")
    db.session.add(booking)
    db.session.flush()
    _title, lines = certificate_lines(booking)
    assert "Berufsfeld: IT, Computer" in lines
    assert not any(line.endswith("ITC") for line in lines)
