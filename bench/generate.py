"""Generate a synthetic region: N pupils across schools, Kommunen, classes, teachers, StuBOs.

Rows go in through bulk Core inserts (executemany in chunks) with explicit ids, so 50,000
pupils take seconds, not minutes; values satisfy the models' constraints. Deterministic for a
given seed. Usage:
    python -m bench.generate --database-url postgresql+psycopg://…/anschluss_bench --pupils 50000
"""

from __future__ import annotations

import argparse
import os
import random
import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select, text

from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.schools.models import (
    ClassMembership,
    ClassTeacher,
    Kommune,
    School,
    SchoolClass,
    SchoolYear,
)
from seeds.demo_names import FIRST_NAMES_M, FIRST_NAMES_W, SURNAMES

CHUNK = 5_000
CLASS_SIZE = 25
MARKER_KOMMUNE = "Bench-Kommune 01"
# (Schulform, Jahrgänge its classes are spread over), cycled over the schools.
SCHOOL_MIX = (
    ("GE", ("8", "9", "10")),
    ("R", ("8", "9", "10")),
    ("GY", ("8", "9", "10", "EF", "Q1", "Q2")),
    ("GE", ("8", "9", "10", "EF", "Q1", "Q2")),
    ("H", ("8", "9", "10")),
    ("SK", ("8", "9", "10")),
    ("R", ("8", "9", "10")),
    ("GY", ("8", "9", "EF", "Q1", "Q2")),
    ("GE", ("8", "9", "10")),
    ("BK", ("BK1", "BK2", "BK3")),
)


@dataclass(frozen=True)
class RegionSize:
    pupils: int = 50_000
    schools: int = 200
    kommunen: int = 10
    class_size: int = CLASS_SIZE
    seed: int = 20261130


class Region:
    """Accumulates rows per model, with ids assigned here, then writes them in bulk."""

    def __init__(self, size: RegionSize):
        self.size = size
        self.random = random.Random(size.seed)
        self.rows: dict[type, list[dict]] = {
            model: []
            for model in (
                Kommune,
                School,
                SchoolYear,
                SchoolClass,
                User,
                ClassMembership,
                ClassTeacher,
            )
        }
        self.now = clock.now()

    def add(self, model, **values) -> int:
        rows = self.rows[model]
        values["id"] = len(rows) + 1
        rows.append(values)
        return values["id"]

    def person(self, role: str, school_id=None, kommune_id=None, username=None) -> int:
        first = self.random.choice(FIRST_NAMES_W if self.random.random() < 0.5 else FIRST_NAMES_M)
        return self.add(
            User,
            role=role,
            username=username,
            password_hash=None,
            first_name=first,
            last_name=self.random.choice(SURNAMES),
            display_name=first,
            school_id=school_id,
            kommune_id=kommune_id,
            active=True,
            created_at=self.now,
            # every row carries the same keys: executemany chunks may start with any row
            birth_date=None,
            external_id=None,
        )

    def build(self) -> Region:
        label, starts, ends = SchoolYear.bounds_for(self.now.date())
        year_id = self.add(SchoolYear, label=label, starts_on=starts, ends_on=ends)
        kommune_ids = [
            self.add(
                Kommune,
                name=f"Bench-Kommune {k:02d}",
                regional_key=f"99{k:04d}",
                coordination_name=f"Kommunale Koordinierung {k:02d}",
                created_at=self.now,
            )
            for k in range(1, self.size.kommunen + 1)
        ]
        self.person("admin", username="bench.admin")
        for k, kommune_id in enumerate(kommune_ids, start=1):
            self.person("kommune_coordinator", kommune_id=kommune_id, username=f"bench.kommune{k}")
        base, extra = divmod(self.size.pupils, self.size.schools)
        for s in range(self.size.schools):
            # Blocks of one school of each kind per Kommune: every Kommune has Berufskollegs.
            kommune_id = kommune_ids[s // len(SCHOOL_MIX) % len(kommune_ids)]
            self.build_school(s, kommune_id, year_id, base + (s < extra))
        return self

    def build_school(self, s: int, kommune_id: int, year_id: int, pupils: int) -> None:
        schulform, jahrgaenge = SCHOOL_MIX[s % len(SCHOOL_MIX)]
        school_id = self.add(
            School,
            schulnummer=f"{900000 + s:06d}",
            name=f"Bench-{schulform} {s + 1:03d}",
            schulform=schulform,
            kommune_id=kommune_id,
            postcode=f"{44000 + s % 900:05d}",
            city=f"Bench-Stadt {kommune_id:02d}",
            street="Schulstraße 1",
            phone="",
            created_at=self.now,
        )
        self.person("stubo", school_id=school_id, username=f"bench.stubo{s + 1}")
        if schulform == "BK":
            self.person(
                "bk_coordinator",
                school_id=school_id,
                kommune_id=kommune_id,
                username=f"bench.bk{s + 1}",
            )
        classes = max(1, round(pupils / self.size.class_size))
        class_ids = []
        for c in range(classes):
            jahrgang = jahrgaenge[c % len(jahrgaenge)]
            letter = "abcdefghijklmnopqrstuvwxyz"[c // len(jahrgaenge) % 26]
            class_id = self.add(
                SchoolClass,
                school_id=school_id,
                school_year_id=year_id,
                name=f"{jahrgang}{letter}" if c < 26 * len(jahrgaenge) else f"{jahrgang}-{c}",
                jahrgang=jahrgang,
                created_at=self.now,
            )
            teacher_id = self.person(
                "teacher",
                school_id=school_id,
                username=f"bench.teacher{len(self.rows[SchoolClass])}",
            )
            self.add(ClassTeacher, teacher_id=teacher_id, class_id=class_id)
            class_ids.append(class_id)
        for p in range(pupils):
            pupil_id = self.person("pupil", school_id=school_id)
            pupil = self.rows[User][pupil_id - 1]
            pupil["external_id"] = f"B{s + 1:03d}-{p + 1:05d}"
            pupil["birth_date"] = date(
                2009 + self.random.randint(0, 4),
                self.random.randint(1, 12),
                self.random.randint(1, 28),
            )
            self.add(
                ClassMembership,
                pupil_id=pupil_id,
                class_id=class_ids[p % len(class_ids)],
                school_year_id=year_id,
            )

    def write(self) -> dict[str, int]:
        """Insert in dependency order; on PostgreSQL move the id sequences past our ids."""
        counts = {}
        connection = db.session.connection()
        for model, rows in self.rows.items():
            for start in range(0, len(rows), CHUNK):
                connection.execute(insert(model.__table__), rows[start : start + CHUNK])
            counts[model.__tablename__] = len(rows)
            if connection.dialect.name == "postgresql" and rows:
                table = model.__tablename__
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :last)"),
                    {"last": len(rows)},
                )
        db.session.commit()
        return counts


def existing_pupils() -> int | None:
    """Pupils of an earlier bench region in this database, or None if there is none."""
    if db.session.scalar(select(Kommune.id).where(Kommune.name == MARKER_KOMMUNE)) is None:
        return None
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == "pupil"))


def generate(size: RegionSize) -> dict[str, int]:
    """Write the region into the (empty, migrated) database of the current app context."""
    if db.session.scalar(select(func.count()).select_from(User)):
        raise SystemExit("the database is not empty; use a fresh database for the bench region")
    counts = Region(size).build().write()
    from bench.anschluss_data import add_leaver_data  # leavers' Anschluss data (issue 5)

    counts.update(add_leaver_data(size.seed))
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--pupils", type=int, default=RegionSize.pupils)
    parser.add_argument("--schools", type=int, default=RegionSize.schools)
    parser.add_argument("--kommunen", type=int, default=RegionSize.kommunen)
    parser.add_argument("--seed", type=int, default=RegionSize.seed)
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    from bench.setup import bench_app

    app = bench_app(args.database_url)
    with app.app_context():
        started = time.perf_counter()
        counts = generate(RegionSize(args.pupils, args.schools, args.kommunen, seed=args.seed))
        print(f"generated {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
