"""Reading a registrations / admissions CSV as a registration portal exports it (e.g. Schüler
Online): the table (UTF-8 or Windows-1252, `;` `,` or tab, as the roster import reads it),
a column mapping (field → header: given, saved for the school, or recognised by name) and
the validated rows. Pure parsing; no database access. Rows count like a spreadsheet's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.errors import Invalid
from app.schools.roster_csv import decode, delimiter_of, encoding_of, parse_date, read_table

# field → header names recognised without a mapping (compared case- and space-insensitively)
ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("schüler-id", "interne id-nummer", "schülernummer", "id"),
    "last_name": ("nachname", "name", "familienname"),
    "first_name": ("vorname", "rufname"),
    "birth_date": ("geburtsdatum", "geb.-datum", "geburtstag"),
    "external_ref": ("anmeldenummer", "anmelde-nr", "bewerbungsnummer", "vorgangsnummer"),
    "target_schulnummer": ("schulnummer", "schulnr", "schulnummer aufnehmende schule"),
    "target_name": ("aufnehmende schule", "schule", "betrieb", "ziel"),
    "option": ("bildungsgang", "anschlussoption", "option"),
    "status": ("status", "bewerbungsstatus", "stand"),
    "date": ("datum", "entscheidungsdatum", "anmeldedatum"),
}
FIELDS = tuple(ALIASES)
# Portal words → application status.
STATUS_WORDS: dict[str, str] = {
    "angemeldet": "beworben",
    "beworben": "beworben",
    "bewerbung eingegangen": "beworben",
    "in bearbeitung": "beworben",
    "eingeladen": "einladung",
    "einladung": "einladung",
    "aufgenommen": "zugesagt",
    "zugesagt": "zugesagt",
    "zusage": "zugesagt",
    "angenommen": "zugesagt",
    "aufnahme unter vorbehalt": "zugesagt_vorbehalt",
    "zugesagt unter vorbehalt": "zugesagt_vorbehalt",
    "vorbehaltlich": "zugesagt_vorbehalt",
    "abgelehnt": "abgesagt",
    "absage": "abgesagt",
    "abgesagt": "abgesagt",
    "zurückgezogen": "zurueckgezogen",
    "storniert": "zurueckgezogen",
}
CODE_IN_TEXT = re.compile(r"\(([A-ZÄÖÜ ]{2,12})\)")


def _key(text: str) -> str:
    return " ".join(text.strip().strip('"').split()).casefold()


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


@dataclass
class Row:
    row: int
    values: dict  # field → parsed value
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, code)


def read(data: bytes) -> Table:
    header, rows = read_table(data)
    first_line = decode(data).split("\n", 1)[0]
    return Table([h.strip() for h in header], rows, encoding_of(data), delimiter_of(first_line))


def mapping_for(header: list[str], given: dict | None, saved: dict | None) -> dict[str, str]:
    """field → header: the given mapping, else the saved one if the file has its headers, else
    the headers recognised by name."""
    present = {_key(h): h for h in header}
    if given is not None:
        unknown = [f for f, h in given.items() if f not in FIELDS or _key(h) not in present]
        if unknown:
            raise Invalid("registration-mapping-invalid", field="mapping", fields=unknown)
        return {f: present[_key(h)] for f, h in given.items()}
    if saved and all(_key(h) in present for h in saved.values()):
        return {f: present[_key(h)] for f, h in saved.items()}
    mapping = {}
    for name, aliases in ALIASES.items():
        found = next((present[a] for a in aliases if a in present), None)
        if found:
            mapping[name] = found
    return mapping


def check_mapping(mapping: dict[str, str], needs_target: bool) -> None:
    missing = []
    if "status" not in mapping:
        missing.append("status")
    if "external_id" not in mapping and not {"last_name", "first_name", "birth_date"} <= set(
        mapping
    ):
        missing.append("external_id")
    if needs_target and not {"target_schulnummer", "target_name"} & set(mapping):
        missing.append("target_schulnummer")
    if missing:
        raise Invalid("registration-columns-missing", field="mapping", fields=missing)


def option_code(value: str, known: set[str]) -> str | None:
    """'DUAL', 'BFS II', 'Berufsfachschule (BFS II)' and 'HÖBFS' → the option code."""
    candidates = [value, *CODE_IN_TEXT.findall(value)]
    for candidate in candidates:
        code = candidate.upper().replace(" ", "").replace("Ö", "OE")
        if code in known:
            return code
    return None


def parse_rows(table: Table, mapping: dict[str, str], options: set[str]) -> list[Row]:
    index = {f: table.header.index(h) for f, h in mapping.items()}
    parsed = []
    for number, cells in table.rows:
        raw = {f: cells[i].strip() if i < len(cells) else "" for f, i in index.items()}
        row = Row(number, {})
        for name, value in raw.items():
            _parse(row, name, value, options)
        parsed.append(row)
    return parsed


def _parse(row: Row, name: str, value: str, options: set[str]) -> None:
    if name == "status":
        status = STATUS_WORDS.get(_key(value))
        if status is None:
            row.errors.append((name, "registration-status-unknown"))
        row.values[name] = status
    elif name in ("birth_date", "date") and value:
        parsed = parse_date(value)
        if parsed is None:
            row.errors.append((name, "registration-date-invalid"))
        row.values[name] = parsed
    elif name == "option" and value:
        code = option_code(value, options)
        if code is None:
            row.errors.append((name, "registration-option-unknown"))
        row.values[name] = code
    else:
        row.values[name] = value[:200] or None
