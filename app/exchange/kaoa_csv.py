"""The year-end KAoA export as a CSV for SchILD-NRW's text import.

One line per record: the pupil (SchILD's Interne ID-Nummer, name, birth date), the school year
and Halbjahr of the Lernabschnitt, the Jahrgang, and the catalogue entries by their SVWS
Kürzel (SBO 5.1, SBO 5.1.1, DUAL, ITC …) — the values SchILD's catalogues show, which the
text import assigns. `;`-separated, UTF-8 with BOM (names keep every letter); cells that a
spreadsheet would read as a formula are quoted with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from app.exchange.svws_catalogue import Catalogue

HEADER = (
    "Interne ID-Nummer",
    "Nachname",
    "Vorname",
    "Geburtsdatum",
    "Schuljahr",
    "Halbjahr",
    "Jahrgang",
    "Kategorie",
    "Merkmal",
    "Zusatzmerkmal",
    "Anschlussoption",
    "Berufsfeld",
    "Ebene4",
    "Bemerkung",
)
CATALOGUE_COLUMNS = (
    "kategorie",
    "merkmal",
    "zusatzmerkmal",
    "anschlussoption",
    "berufsfeld",
    "ebene4",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value or "")
    return "'" + text if text.startswith(FORMULA_START) else text


def render(document: dict) -> bytes:
    catalogue = Catalogue.load()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for pupil in document["pupils"]:
        person = (
            pupil["external_id"],
            pupil["last_name"],
            pupil["first_name"],
            pupil["birth_date"],
            f"{pupil['schuljahr']}/{str(pupil['schuljahr'] + 1)[-2:]}",
            pupil["halbjahr"],
        )
        for record in pupil["kaoa"]:
            codes = []
            for name in CATALOGUE_COLUMNS:
                entry = catalogue.entry(name, record[name])
                codes.append(entry.kuerzel if entry else "")
            row = (*person, record["jahrgang"], *codes, record["bemerkung"])
            writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
