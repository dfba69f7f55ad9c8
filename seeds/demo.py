"""The demo region: a real Kommune with three real schools and fictitious people.

Deterministic (fixed random seed; everything depends only on the current school year) and
idempotent: every object is found by its natural key (Schulnummer, class name, username …)
and only created or corrected, so running it twice changes nothing. Development and testing
only — the demo accounts share one well-known password.

Feature engineers extend the demo through DEMO_EXTENSIONS (see the end of this module).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select

from app.auth.models import User
from app.auth.passwords import hash_password
from app.catalog.models import Berufsfeld
from app.core import clock
from app.extensions import db
from app.internships.models import Provider
from app.schools.models import (
    ClassMembership,
    ClassTeacher,
    Kommune,
    School,
    SchoolClass,
    SchoolYear,
)
from seeds import demo_names as names
from seeds.schools import ensure_kommune, school_rows, upsert_schools

DEMO_PASSWORD = "anschluss-demo"  # noqa: S105 - documented demo password, development only
RANDOM_SEED = 20260801
KOMMUNE_NAME = "Dortmund"
KOMMUNE_REGIONAL_KEY = "913000"
# Real schools of Dortmund from the NRW school list (SchulNr).
SCHOOL_NUMBERS = {"gesamtschule": "164240", "realschule": "162747", "berufskolleg": "179942"}
# Classes of the Gesamtschule in pupil-numbering order: schueler1… are in 10a, then 10b, 9a, 8a.
CLASSES = (
    ("10a", "10", "lehrer"),
    ("10b", "10", "lehrer2"),
    ("9a", "9", "lehrer3"),
    ("8a", "8", "lehrer4"),
)
PUPILS_PER_CLASS = 30


@dataclass
class DemoRegion:
    """What the core demo created; handed to every extension."""

    kommune: Kommune
    schools: dict[str, School]
    school_year: SchoolYear
    classes: dict[str, SchoolClass]
    users: dict[str, User]
    providers: list[Provider]
    pupils_by_class: dict[str, list[User]] = field(default_factory=dict)

    def random(self, purpose: str) -> random.Random:
        """A generator of its own per extension, so extensions don't disturb each other."""
        return random.Random(f"{RANDOM_SEED}:{purpose}")


def _assert_development() -> None:
    if current_app.config.get("ENV_NAME") not in ("development", "testing"):
        raise RuntimeError("the demo region exists only in development and testing")


def _ensure_reference() -> None:
    if not db.session.scalar(select(func.count()).select_from(Berufsfeld)):
        from seeds.loader import load_reference

        load_reference()


def _school_year(today: date) -> SchoolYear:
    label, starts, ends = SchoolYear.bounds_for(today)
    year = db.session.scalar(select(SchoolYear).where(SchoolYear.label == label))
    if year is None:
        year = SchoolYear(label=label, starts_on=starts, ends_on=ends)
        db.session.add(year)
        db.session.flush()
    return year


def _classes(school: School, year: SchoolYear) -> dict[str, SchoolClass]:
    existing = {
        c.name: c
        for c in db.session.scalars(
            select(SchoolClass).where(
                SchoolClass.school_id == school.id, SchoolClass.school_year_id == year.id
            )
        )
    }
    for name, jahrgang, _teacher in CLASSES:
        if name not in existing:
            existing[name] = SchoolClass(
                school_id=school.id, school_year_id=year.id, name=name, jahrgang=jahrgang
            )
            db.session.add(existing[name])
    db.session.flush()
    return existing


def _providers(kommune: Kommune) -> list[Provider]:
    existing = {
        p.name: p
        for p in db.session.scalars(select(Provider).where(Provider.kommune_id == kommune.id))
    }
    providers = []
    for spec in names.PROVIDERS:
        provider = existing.get(spec["name"])
        if provider is None:
            provider = Provider(
                kommune_id=kommune.id, city=KOMMUNE_NAME, approved_at=clock.now(), **spec
            )
            db.session.add(provider)
        providers.append(provider)
    db.session.flush()
    return providers


# -- people ----------------------------------------------------------------------------


def _birth_date(rng: random.Random, school_year_start: int, jahrgang: int) -> date:
    """NRW school entry: children who turn 6 by 30 September start in August; about one in
    ten pupils is a year older (later start or a repeated year)."""
    born_from = date(school_year_start - jahrgang - 6, 10, 1)
    if rng.random() < 0.1:
        born_from = born_from.replace(year=born_from.year - 1)
    return born_from + timedelta(days=rng.randrange(365))


def _pupil_specs(year: SchoolYear, school_id: int, postcodes: list[str]) -> list[tuple[str, dict]]:
    """(class name, user fields) for schueler1 … schueler120, always the same for a school year."""
    rng = random.Random(RANDOM_SEED)
    specs, number = [], 0
    for class_name, jahrgang, _teacher in CLASSES:
        for _ in range(PUPILS_PER_CLASS):
            number += 1
            roll = rng.random()
            sex, pool = (
                ("d", names.FIRST_NAMES_D)
                if roll < 0.02
                else ("w", names.FIRST_NAMES_W)
                if roll < 0.51
                else ("m", names.FIRST_NAMES_M)
            )
            first_name = rng.choice(pool)
            fields = {
                "role": "pupil",
                "school_id": school_id,
                "first_name": first_name,
                "last_name": rng.choice(names.SURNAMES),
                "display_name": first_name,
                "sex": sex,
                "birth_date": _birth_date(rng, year.starts_on.year, int(jahrgang)),
                "street": f"{rng.choice(names.STREETS)} {rng.randint(1, 180)}",
                "postcode": rng.choice(postcodes),
                "city": KOMMUNE_NAME,
                "external_id": str(4000 + number),
            }
            specs.append((class_name, {"username": f"schueler{number}", **fields}))
    return specs


def _staff_specs(region: DemoRegion) -> list[dict]:
    school, bk = region.schools["gesamtschule"], region.schools["berufskolleg"]
    scope = {
        "teacher": {"school_id": school.id},
        "stubo": {"school_id": school.id},
        "bk_coordinator": {"school_id": bk.id, "kommune_id": region.kommune.id},
        "kommune_coordinator": {"kommune_id": region.kommune.id},
        "recipient_coordinator": {"kommune_id": region.kommune.id},
        "provider": {"provider_id": region.providers[0].id, "kommune_id": region.kommune.id},
        "admin": {},
    }
    return [
        {
            "username": username,
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "display_name": f"{first_name} {last_name}",
            "sex": sex,
            "email": f"{username}@demo.anschluss.invalid",
            **scope[role],
        }
        for username, (role, first_name, last_name, sex) in names.STAFF.items()
    ]


def _upsert_users(specs: list[dict]) -> dict[str, User]:
    """One SELECT for all demo users; the password is hashed once and only for new accounts."""
    usernames = [spec["username"] for spec in specs]
    existing = {
        u.username: u for u in db.session.scalars(select(User).where(User.username.in_(usernames)))
    }
    password_hash = None
    for spec in specs:
        user = existing.get(spec["username"])
        if user is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)
            user = existing[spec["username"]] = User(password_hash=password_hash, **spec)
            db.session.add(user)
            continue
        for name, value in spec.items():
            if getattr(user, name) != value:
                setattr(user, name, value)
    db.session.flush()
    return existing


def _memberships(region: DemoRegion, pupil_classes: dict[str, str]) -> None:
    """Each demo pupil in its class for the school year; each class with its teacher."""
    users, year = region.users, region.school_year
    pupil_ids = {users[name].id: class_name for name, class_name in pupil_classes.items()}
    existing = {
        m.pupil_id: m
        for m in db.session.scalars(
            select(ClassMembership).where(
                ClassMembership.school_year_id == year.id, ClassMembership.pupil_id.in_(pupil_ids)
            )
        )
    }
    for pupil_id, class_name in pupil_ids.items():
        class_id = region.classes[class_name].id
        membership = existing.get(pupil_id)
        if membership is None:
            db.session.add(
                ClassMembership(pupil_id=pupil_id, class_id=class_id, school_year_id=year.id)
            )
        elif membership.class_id != class_id:
            membership.class_id = class_id
    class_ids = [c.id for c in region.classes.values()]
    taught = {
        tuple(row)
        for row in db.session.execute(
            select(ClassTeacher.teacher_id, ClassTeacher.class_id).where(
                ClassTeacher.class_id.in_(class_ids)
            )
        )
    }
    for class_name, _jahrgang, teacher in CLASSES:
        pair = (users[teacher].id, region.classes[class_name].id)
        if pair not in taught:
            db.session.add(ClassTeacher(teacher_id=pair[0], class_id=pair[1]))
    db.session.flush()


# -- the region ------------------------------------------------------------------------


def _build_region(today: date) -> DemoRegion:
    kommune = ensure_kommune(KOMMUNE_NAME, KOMMUNE_REGIONAL_KEY)
    place_rows = school_rows(lambda row: row["Ort"].strip() == KOMMUNE_NAME)
    postcodes = sorted({row["PLZ"].strip() for row in place_rows})
    wanted = set(SCHOOL_NUMBERS.values())
    schools = {
        s.schulnummer: s
        for s in upsert_schools([r for r in place_rows if r["SchulNr"] in wanted], kommune)
    }
    year = _school_year(today)
    region = DemoRegion(
        kommune=kommune,
        schools={kind: schools[number] for kind, number in SCHOOL_NUMBERS.items()},
        school_year=year,
        classes=_classes(schools[SCHOOL_NUMBERS["gesamtschule"]], year),
        users={},
        providers=_providers(kommune),
    )
    pupil_specs = _pupil_specs(year, region.schools["gesamtschule"].id, postcodes)
    specs = _staff_specs(region) + [fields for _class, fields in pupil_specs]
    region.users = _upsert_users(specs)
    pupil_classes = {fields["username"]: class_name for class_name, fields in pupil_specs}
    _memberships(region, pupil_classes)
    for username, class_name in pupil_classes.items():
        region.pupils_by_class.setdefault(class_name, []).append(region.users[username])
    return region


def seed_demo_region(today: date | None = None) -> dict[str, int]:
    """Create or complete the demo region; returns counts. Flushes, the caller commits."""
    _assert_development()
    _ensure_reference()
    region = _build_region(today or clock.today())
    counts = {
        "kommunen": 1,
        "schools": len(region.schools),
        "classes": len(region.classes),
        "providers": len(region.providers),
        "staff": len(names.STAFF),
        "pupils": sum(len(pupils) for pupils in region.pupils_by_class.values()),
    }
    for extension in DEMO_EXTENSIONS:
        counts.update(extension(region) or {})
    db.session.flush()
    return counts


from seeds.demo_anschluss import add_demo_anschluss  # noqa: E402
from seeds.demo_chain import add_demo_chain  # noqa: E402
from seeds.demo_interests import add_demo_interests  # noqa: E402
from seeds.demo_internships import add_demo_offers  # noqa: E402
from seeds.demo_vacancies import add_demo_vacancies  # noqa: E402

# ======================================================================================
# EXTENSION POINT — feature engineers: append a function `add_xyz(region: DemoRegion) -> dict`
# (e.g. demo offers and slots, interest profiles, Anschluss plans). Rules:
#   * idempotent: look objects up by a natural key before creating them; never duplicate;
#   * deterministic: draw randomness only from `region.random("your-feature")`;
#   * flush, never commit; return counts to report, e.g. {"offers": 12}.
# Put the function in seeds/demo_<feature>.py (import DemoRegion there only under
# TYPE_CHECKING), then add one import line and one entry below. Extensions run in list order
# after the core region exists; `region.users["schueler1"]`, `region.pupils_by_class["10a"]`,
# `region.providers`, `region.schools["gesamtschule"]` … are ready to use.
# ======================================================================================
DEMO_EXTENSIONS: list[Callable[[DemoRegion], dict | None]] = [
    add_demo_anschluss,
    add_demo_chain,
    add_demo_interests,
    add_demo_offers,
    add_demo_vacancies,
]
