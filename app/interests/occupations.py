"""Occupation and Berufsfeld information for pupils: what the work is, typical tasks, what
training it usually takes, where to read more, and which occupations belong to a field.

Descriptions and tasks come from AuxCO (app/data/occupation_tasks.csv, keyed by the
occupation's id). Every occupation of the catalogue is at KldB level 2 ("fachlich
ausgerichtet", usually a 2–3 year Ausbildung): no law prescribes a school certificate for an
Ausbildung and no open data says which certificate companies expect per occupation, so the
screen says that and links to the Bundesagentur für Arbeit's BERUFENET, which does. BERUFENET
has its own ids, not KldB codes: the link searches BERUFENET for the title, and only for a
valid five-digit KldB code at level 2 or 3 (the levels BERUFENET describes as training
occupations and further training).
"""

from __future__ import annotations

import csv
from functools import cache
from urllib.parse import quote

from sqlalchemy import select

from app.catalog.models import Berufsfeld, Occupation
from app.core.errors import NotFound
from app.data import DATA_DIR
from app.extensions import db
from app.interests.catalog import field_weights

TASKS_FILE = DATA_DIR / "occupation_tasks.csv"
BERUFENET_SEARCH = "https://web.arbeitsagentur.de/berufenet/ergebnisseite?suchwort="
LEVELS_WITH_BERUFENET = {"2": "fachkraft", "3": "spezialist"}


@cache
def _tasks() -> dict[int, tuple[str, tuple[str, ...]]]:
    """occupation id → (short description, typical tasks)."""
    with TASKS_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            int(row["auxco_id"]): (row["task"], _split_tasks(row["task_description"]))
            for row in csv.DictReader(handle)
        }


def _split_tasks(text: str) -> tuple[str, ...]:
    """'z.B. a; b; c' → ('a', 'b', 'c') with a capital first letter each."""
    text = text.strip()
    if text.lower().startswith("z.b."):
        text = text[4:]
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return tuple(part[0].upper() + part[1:] for part in parts)


def description(occupation_id: int) -> str | None:
    found = _tasks().get(occupation_id)
    return found[0] if found else None


def level(kldb_code: str) -> str | None:
    """The KldB Anforderungsniveau of a five-digit code, by name (None when not valid)."""
    if len(kldb_code) != 5 or not kldb_code.isdigit():
        return None
    return {"1": "helfer", "2": "fachkraft", "3": "spezialist", "4": "experte"}.get(kldb_code[4])


def berufenet_url(title: str, kldb_code: str) -> str | None:
    if level(kldb_code) not in LEVELS_WITH_BERUFENET.values():
        return None
    return BERUFENET_SEARCH + quote(title.replace("/in", ""), safe="")


def occupation_detail(occupation_id: int) -> dict:
    row = db.session.execute(
        select(Occupation, Berufsfeld.text)
        .outerjoin(Berufsfeld, Berufsfeld.kuerzel == Occupation.berufsfeld)
        .where(Occupation.id == occupation_id)
    ).first()
    if row is None:
        raise NotFound("occupation-not-found")
    occupation, field_text = row
    task, tasks = _tasks().get(occupation.id, (None, ()))
    return {
        "id": occupation.id,
        "title": occupation.title_de,
        "kldb_code": occupation.kldb_code,
        "level": level(occupation.kldb_code),
        "berufsfeld": occupation.berufsfeld,
        "berufsfeld_text": field_text,
        "description": task,
        "tasks": list(tasks),
        "berufenet_url": berufenet_url(occupation.title_de, occupation.kldb_code),
        "riasec_top3": occupation.riasec_top3,
    }


def berufsfeld_detail(kuerzel: str) -> dict:
    weights = {row.kuerzel: row for row in field_weights()}
    field = db.session.get(Berufsfeld, kuerzel)
    if field is None or kuerzel not in weights:
        raise NotFound("berufsfeld-not-found")
    occupations = db.session.execute(
        select(Occupation.id, Occupation.title_de)
        .where(Occupation.berufsfeld == kuerzel)
        .order_by(Occupation.title_de, Occupation.id)
    )
    return {
        "kuerzel": field.kuerzel,
        "text": field.text,
        "reason_de": weights[kuerzel].reason_de,
        "reason_en": weights[kuerzel].reason_en,
        "occupations": [
            {"id": oid, "title": title, "description": description(oid)}
            for oid, title in occupations
        ],
    }
