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
    return {"own": world.kommune.id, "same_kommune": world.kommune.id, "other_kommune": world.other_kommune.id}


def _provider_id(world, db):
    return {
        "own": world.provider_org.id,
        "same_kommune": world.provider_org.id,
        "other_kommune": world.other_provider_org.id,
    }


SCOPE_OBJECTS = {
    "school_id": _school_id,
    "class_id": _class_id,
    "pupil_id": _pupil_id,
    "kommune_id": _kommune_id,
    "provider_id": _provider_id,
}
