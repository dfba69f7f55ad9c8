"""Import NRW schools from the official school list (SVWS snapshot) for one Kommune.

The list (app/data/reference/schulen_nrw_svws_2023-12.csv, `;`-separated, UTF-8) carries one row
per school: SchulNr, RegSchl (Regionalschlüssel without the Land prefix 05, e.g. 913000 for
Dortmund, 158… for the towns of Kreis Mettmann), ABez1–3 (name over three lines), SF
(Schulform key), address and SchBetrSchl (operating state; 0 = closed).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import select

from app.core import clock
from app.data import DATA_DIR
from app.extensions import db
from app.schools.models import Kommune, School

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
SCHOOLS_FILE = DATA_DIR / "reference" / "schulen_nrw_svws_2023-12.csv"
CLOSED = "0"  # SchBetrSchl: the school has stopped operating
# Lines of the official name that only describe the school level, e.g. "- Sekundarstufe II -".
_LEVEL_REMARK = re.compile(r"^-.*-$")


@cache
def schulform_by_key() -> dict[str, str]:
    """SF key of the school list → Schulform kuerzel (e.g. "15" → "GE")."""
    with (REFERENCE_DIR / "schulformen.csv").open(encoding="utf-8", newline="") as handle:
        return {row["sf_schluessel"]: row["kuerzel"] for row in csv.DictReader(handle)}


def _yyyymmdd(value: str) -> str:
    return re.sub(r"\D", "", value or "")[:8]


def is_current(row: dict, today: date | None = None) -> bool:
    """Operating today: not closed, and within gueltigVon/gueltigBis where they are set."""
    today_key = (today or clock.today()).strftime("%Y%m%d")
    valid_from, valid_to = (
        _yyyymmdd(row.get("gueltigVon", "")),
        _yyyymmdd(row.get("gueltigBis", "")),
    )
    if row.get("SchBetrSchl", "").strip() == CLOSED:
        return False
    if valid_from and valid_from > today_key:
        return False
    return not (valid_to and valid_to < today_key)


def school_rows(predicate: Callable[[dict], bool]) -> list[dict]:
    """Current rows of the school list that match `predicate` and have a known Schulform."""
    known = schulform_by_key()
    with SCHOOLS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return [
            row
            for row in csv.DictReader(handle, delimiter=";")
            if row["SF"].strip() in known and is_current(row) and predicate(row)
        ]


def school_name(row: dict) -> str:
    """The official name is spread over ABez1–3; level remarks like "- Sek. II -" are dropped."""
    parts = [row.get(f"ABez{i}", "").strip() for i in (1, 2, 3)]
    return " ".join(p for p in parts if p and not _LEVEL_REMARK.match(p))[:255]


def school_fields(row: dict) -> dict:
    phone = f"{row.get('TelVorw', '').strip()} {row.get('Telefon', '').strip()}".strip()
    return {
        "name": school_name(row),
        "schulform": schulform_by_key()[row["SF"].strip()],
        "postcode": row["PLZ"].strip()[:5],
        "city": row["Ort"].strip()[:120],
        "street": row["Strasse"].strip()[:200],
        "phone": phone[:40],
    }


def ensure_kommune(name: str, regional_key: str | None = None) -> Kommune:
    """The Kommune by name (or by Regionalschlüssel), created when missing."""
    kommune = db.session.scalar(select(Kommune).where(Kommune.name == name))
    if kommune is None and regional_key:
        kommune = db.session.scalar(select(Kommune).where(Kommune.regional_key == regional_key))
    if kommune is None:
        kommune = Kommune(
            name=name,
            regional_key=regional_key,
            coordination_name=f"Kommunale Koordinierung {name}",
        )
        db.session.add(kommune)
        db.session.flush()
    elif kommune.regional_key is None and regional_key:
        taken = db.session.scalar(select(Kommune.id).where(Kommune.regional_key == regional_key))
        if taken is None:
            kommune.regional_key = regional_key
    return kommune


def upsert_schools(rows: list[dict], kommune: Kommune) -> list[School]:
    """Create or update the schools of `rows` in `kommune` (one SELECT for all of them)."""
    numbers = [row["SchulNr"].strip() for row in rows]
    existing = {
        school.schulnummer: school
        for school in db.session.scalars(select(School).where(School.schulnummer.in_(numbers)))
    }
    schools = []
    for number, row in zip(numbers, rows, strict=True):
        fields = {**school_fields(row), "kommune_id": kommune.id}
        school = existing.get(number)
        if school is None:
            school = existing[number] = School(schulnummer=number, **fields)
            db.session.add(school)
        else:
            for name, value in fields.items():
                if getattr(school, name) != value:
                    setattr(school, name, value)
        schools.append(school)
    db.session.flush()
    return schools


def import_schools(kommune_name: str, regional_key_prefix: str | None = None) -> int:
    """Import the current schools of one Kommune, chosen by Regionalschlüssel prefix when given,
    else by place name (column Ort); creates the Kommune if needed. Returns the number of schools.
    """
    if regional_key_prefix:
        prefix = regional_key_prefix.strip()
        rows = school_rows(lambda row: row["RegSchl"].strip().startswith(prefix))
        regional_key = prefix
    else:
        place = kommune_name.strip().casefold()
        rows = school_rows(lambda row: row["Ort"].strip().casefold() == place)
        keys = {row["RegSchl"].strip() for row in rows}
        regional_key = keys.pop() if len(keys) == 1 else None
    if not rows:
        return 0
    kommune = ensure_kommune(kommune_name.strip(), regional_key)
    return len(upsert_schools(rows, kommune))
