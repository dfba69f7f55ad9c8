"""Pupils rank up to six slots of a round before its deadline."""

from __future__ import annotations

from tests.allocation.helpers import pass_deadline


def _put(client, bfe, choices):
    return client.put(
        f"/api/v1/allocation-rounds/{bfe.round.id}/preferences", json={"choices": choices}
    )


def test_can_a_pupil_rank_slots_of_the_round(world, login_as, bfe):
    """Are the choices stored in the pupil's order and shown back with the slot details?"""
    client = login_as(world.pupil)
    order = [bfe.slots[2].id, bfe.slots[0].id]
    response = _put(client, bfe, order)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert [c["slot_id"] for c in data["my_choices"]] == order
    assert [c["rank"] for c in data["my_choices"]] == [1, 2]
    assert data["my_choices"][0]["offer_title"] == "Metall"
    detail = client.get(f"/api/v1/allocation-rounds/{bfe.round.id}").get_json()
    assert [c["slot_id"] for c in detail["my_choices"]] == order
    assert detail["round"]["my_choice_count"] == 2
    assert "overview" not in detail


def test_can_a_pupil_reorder_and_withdraw(world, login_as, bfe):
    """Does saving again replace the ranking, and does an empty list withdraw it?"""
    client = login_as(world.pupil)
    _put(client, bfe, [bfe.slots[0].id, bfe.slots[1].id])
    data = _put(client, bfe, [bfe.slots[1].id, bfe.slots[0].id]).get_json()
    assert [c["slot_id"] for c in data["my_choices"]] == [bfe.slots[1].id, bfe.slots[0].id]
    assert _put(client, bfe, []).get_json()["my_choices"] == []


def test_are_invalid_rankings_refused(world, login_as, bfe):
    """Are duplicates, slots outside the round and more than six choices 422 on `choices`?"""
    client = login_as(world.pupil)
    for choices in (
        [bfe.slots[0].id, bfe.slots[0].id],
        [bfe.foreign.id],
        [999999],
        list(range(1, 8)),
    ):
        response = _put(client, bfe, choices)
        assert response.status_code == 422, choices
        assert "choices" in response.get_json()["errors"]


def test_is_ranking_closed_after_the_deadline(world, login_as, bfe, db):
    """Can a pupil still change their choices once the deadline has passed?"""
    pass_deadline(bfe.round)
    response = _put(login_as(world.pupil), bfe, [bfe.slots[0].id])
    assert response.status_code == 409


def test_can_a_pupil_of_another_school_rank(world, login_as, bfe):
    """May a pupil of another school (same or other Kommune) rank in this school's round?"""
    for pupil in (world.same_kommune_pupil, world.other_pupil):
        assert _put(login_as(pupil), bfe, [bfe.slots[0].id]).status_code == 403


def test_does_the_jahrgang_filter_keep_other_pupils_out(world, login_as, bfe, db):
    """With a Jahrgang filter, is a pupil of another Jahrgang refused?"""
    bfe.round.jahrgang = "9"
    db.session.commit()
    assert _put(login_as(world.pupil), bfe, [bfe.slots[0].id]).status_code == 403


def test_does_a_pupil_see_the_slots_of_the_round(world, login_as, bfe):
    """Does the slot list show the round's own-Kommune slots only, with free places?"""
    slots = login_as(world.pupil).get(f"/api/v1/allocation-rounds/{bfe.round.id}/slots")
    assert slots.status_code == 200
    assert [s["slot_id"] for s in slots.get_json()] == [s.id for s in bfe.slots]
    assert slots.get_json()[2]["free"] == 2
