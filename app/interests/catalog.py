"""The static instrument data of the interests feature, read once per process from app/data/.

The questionnaire (`app/data/questionnaire/riasec-v1.json`) and the RIASEC → Berufsfeld weight
table (`app/data/riasec_berufsfeld_weights.csv`) are versioned files, never edited at run time,
so a read-only cache is safe; a new version of either is a new file and a new deployment.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache

from app.data import DATA_DIR

QUESTIONNAIRE_FILE = DATA_DIR / "questionnaire" / "riasec-v1.json"
WEIGHTS_FILE = DATA_DIR / "riasec_berufsfeld_weights.csv"
ATTRIBUTIONS_FILE = DATA_DIR / "attributions.json"

TYPES = ("R", "I", "A", "S", "E", "C")


@dataclass(frozen=True)
class FieldWeights:
    """One row of the weight table: how strongly a Berufsfeld calls for each interest type."""

    kuerzel: str
    text: str
    weights: dict[str, int]
    reason_de: str
    reason_en: str
    order: int


@cache
def questionnaire() -> dict:
    data = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    if data["item_count"] != len(data["items"]):
        raise ValueError("questionnaire item_count does not match its items")
    return data


@cache
def item_types() -> dict[str, str]:
    """Item id → Holland type letter."""
    return {item["id"]: item["type"] for item in questionnaire()["items"]}


@cache
def field_weights() -> tuple[FieldWeights, ...]:
    with WEIGHTS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        FieldWeights(
            kuerzel=row["berufsfeld_kuerzel"],
            text=row["berufsfeld_text"],
            weights={t: int(row[t]) for t in TYPES},
            reason_de=row["reason_de"],
            reason_en=row["reason_en"],
            order=index,
        )
        for index, row in enumerate(rows)
    )


@cache
def occupation_attribution() -> dict[str, str]:
    """The O*NET / AuxCO attribution that must accompany occupation matches."""
    for entry in json.loads(ATTRIBUTIONS_FILE.read_text(encoding="utf-8")):
        if entry.get("file") == "seeds/occupations.csv":
            return {"de": entry["attribution_de"], "en": entry["attribution_en"]}
    raise LookupError("occupations.csv has no attribution in app/data/attributions.json")
