"""Load the reference catalogues from seeds/ into the catalog tables (idempotent upsert).

Sources and licences of every file are listed in app/data/attributions.json. Running the loader
again changes nothing unless a data file changed; rows are never deleted, because other
tables may refer to them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import select

from app.catalog.models import (
    AnschlussOption,
    Berufsfeld,
    LeavingCertificate,
    Occupation,
    SboElement,
    Schulform,
    SvwsKaoaEntry,
)
from app.extensions import db
from seeds.schools import import_schools

SEEDS_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = SEEDS_DIR / "reference"
SVWS_KAOA_DIR = REFERENCE_DIR / "svws-kaoa"

__all__ = ["load_reference", "import_schools", "svws_key"]


def svws_key(kuerzel: str) -> str:
    """SVWS writes keys both as 'SBO 10.7.1' (kuerzel) and 'SBO_10_7_1' (bezeichner)."""
    return kuerzel.strip().replace(" ", "_").replace(".", "_")


def _csv_rows(path: Path, delimiter: str = ",") -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _upsert(model, key_attr: str, records: Iterable[dict]) -> int:
    """Insert new rows, update changed ones; one SELECT for the whole table."""
    records = list(records)
    existing = {getattr(row, key_attr): row for row in db.session.scalars(select(model))}
    for record in records:
        row = existing.get(record[key_attr])
        if row is None:
            existing[record[key_attr]] = row = model(**record)
            db.session.add(row)
            continue
        for name, value in record.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    db.session.flush()
    return len({record[key_attr] for record in records})


# -- the catalogues --------------------------------------------------------------------


def schulform_records() -> list[dict]:
    return [
        {"kuerzel": row["kuerzel"], "key": row["sf_schluessel"], "text": row["text"]}
        for row in _csv_rows(REFERENCE_DIR / "schulformen.csv")
    ]


def berufsfeld_text(text: str) -> str:
    """The SVWS catalogue writes "Gesellschafts-,Geisteswissenschaften": without the space after
    the comma the name cannot wrap and widens a phone screen, so the space is added here."""
    return text.replace("-,", "-, ")


def berufsfeld_records() -> list[dict]:
    return [
        {"kuerzel": row["kuerzel"], "number": int(row["id"]), "text": berufsfeld_text(row["text"])}
        for row in _csv_rows(REFERENCE_DIR / "kaoa_berufsfelder.csv")
    ]


def _svws_entries(file_name: str) -> Iterator[dict]:
    """The current historie entry of each SVWS catalogue entry (gueltigBis empty)."""
    for entry in _json(SVWS_KAOA_DIR / file_name)["daten"]:
        current = [h for h in entry["historie"] if not h.get("gueltigBis")] or entry["historie"]
        yield current[-1]


def _top_category(kuerzel: str) -> str:
    """'SBO 6.5.1.1' → 'SBO_6'."""
    return "SBO_" + kuerzel.split(" ", 1)[1].split(".", 1)[0]


def sbo_records() -> list[dict]:
    """All four levels of the KAoA catalogue: Kategorie, Merkmal, Zusatzmerkmal, Ebene 4."""
    records = [
        {
            "kuerzel": row["kuerzel"],
            "level": row["ebene"],
            "text": row["text"],
            "category": row["kategorie"] or svws_key(row["kuerzel"]),
            "jahrgaenge": row["jahrgaenge"],
        }
        for row in _csv_rows(REFERENCE_DIR / "kaoa_sbo_elemente.csv")
    ]
    for file_name, level in (
        ("KAOAZusatzmerkmal.json", "zusatzmerkmal"),
        ("KAOAEbene4.json", "ebene4"),
    ):
        records += [
            {
                "kuerzel": entry["kuerzel"],
                "level": level,
                "text": entry["text"].strip(),
                "category": _top_category(entry["kuerzel"]),
                "jahrgaenge": "",
            }
            for entry in _svws_entries(file_name)
        ]
    return records


def leaving_certificate_records() -> list[dict]:
    return [
        {"key": cert["bezeichner"], "text": cert["text"]}
        for cert in _json(SEEDS_DIR / "leaving_certificates.json")["certificates"]
    ]


def anschluss_option_records() -> list[dict]:
    """Options keyed by their ASCII code (HOEBFS, not HÖBFS) as docs/domain.md lists them."""
    return [
        {
            "kuerzel": option["bezeichner"],
            "text": option["text"],
            "valid_certificates": [svws_key(c["key"]) for c in option["leaving_certificates"]],
        }
        for option in _json(SEEDS_DIR / "anschluss_options.json")["options"]
    ]


# (catalogue, file, key of the parent in the file) of the SVWS KAoA catalogues we refer to.
SVWS_CATALOGUES = (
    ("kategorie", "KAOAKategorie.json", None),
    ("merkmal", "KAOAMerkmal.json", "kategorie"),
    ("zusatzmerkmal", "KAOAZusatzmerkmal.json", "merkmal"),
    ("ebene4", "KAOAEbene4.json", "zusatzmerkmal"),
    ("anschlussoption", "KAOAAnschlussoptionen.json", None),
    ("berufsfeld", "KAOABerufsfeld.json", None),
)


def svws_kaoa_records() -> list[dict]:
    """Every current entry of the six catalogues, keyed (catalogue, bezeichner), verbatim ids."""
    records = []
    for catalogue, file_name, parent_key in SVWS_CATALOGUES:
        for entry in _json(SVWS_KAOA_DIR / file_name)["daten"]:
            history = [h for h in entry["historie"] if not h.get("gueltigBis")] or entry["historie"]
            current = history[-1]
            records.append(
                {
                    "catalogue": catalogue,
                    "bezeichner": entry["bezeichner"],
                    "kuerzel": current["kuerzel"],
                    "svws_id": current["id"],
                    "parent": current.get(parent_key) if parent_key else None,
                    "optionsart": current.get("optionsart"),
                    "jahrgaenge": current.get("jahrgaenge", []),
                    "anzeige": current.get("anzeigeZusatzmerkmal", []),
                }
            )
    return records


def _upsert_svws(records: list[dict]) -> int:
    existing = {(r.catalogue, r.bezeichner): r for r in db.session.scalars(select(SvwsKaoaEntry))}
    for record in records:
        row = existing.get((record["catalogue"], record["bezeichner"]))
        if row is None:
            db.session.add(SvwsKaoaEntry(**record))
            continue
        for name, value in record.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    db.session.flush()
    return len(records)


def occupation_records() -> list[dict]:
    return [
        {
            "id": int(row["auxco_id"]),
            "title_de": row["title_de"],
            "kldb_code": row["kldb2010_code"],
            "berufsfeld": row["berufsfeld"] or None,
            "r": float(row["R"]),
            "i": float(row["I"]),
            "a": float(row["A"]),
            "s": float(row["S"]),
            "e": float(row["E"]),
            "c": float(row["C"]),
            "riasec_top3": row["riasec_top3"],
        }
        for row in _csv_rows(SEEDS_DIR / "occupations.csv")
    ]


CATALOGUES = (
    ("schulformen", Schulform, "kuerzel", schulform_records),
    ("berufsfelder", Berufsfeld, "kuerzel", berufsfeld_records),
    ("sbo_elements", SboElement, "kuerzel", sbo_records),
    ("leaving_certificates", LeavingCertificate, "key", leaving_certificate_records),
    ("anschluss_options", AnschlussOption, "kuerzel", anschluss_option_records),
    ("occupations", Occupation, "id", occupation_records),
)


def load_reference() -> dict[str, int]:
    """Upsert every catalogue; returns the number of rows per table. Flushes, the caller commits."""
    counts = {table: _upsert(model, key, records()) for table, model, key, records in CATALOGUES}
    counts["svws_kaoa_entries"] = _upsert_svws(svws_kaoa_records())
    return counts
