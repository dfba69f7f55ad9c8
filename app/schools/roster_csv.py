"""Reading a class roster as SchILD-NRW exports it: `;`-separated text, UTF-8 (with or without
BOM) or Windows-1252, a header row with SchILD's display names (Nachname, Vorname, Klasse,
Geburtsdatum, Interne ID-Nummer …). Pure parsing and row validation; no database access.

Row numbers count like a spreadsheet: the header is row 1, the first pupil row 2.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from app.core.errors import Invalid
from app.schools.roster_messages import REASONS

MAX_ROWS = 2000
# SchILD display names (seeds/reference/schild/TextExport.csv) and common hand-made variants,
# in order of preference when a file carries more than one of them.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("nachname", "name", "schüler-nachname", "familienname"),
    "first_name": ("vorname", "rufname", "schüler-vorname"),
    "class_name": ("klasse", "schüler-klasse"),
    "birth_date": ("geburtsdatum", "geb.-datum", "geb. datum", "geburtstag"),
    "external_id": (
        "interne id-nummer",
        "schüler-id",
        "id",
        "externe id-nummer",
        "externe id",
        "eindeutige nummer (guid)",
    ),
    "sex": ("geschlecht",),
    "street": ("straße", "strasse", "straße und hausnummer"),
    "house_number": ("hausnummer", "hausnr", "hausnr."),
    "postcode": ("plz", "postleitzahl"),
    "city": ("ort", "ortsname", "wohnort"),
    "email": ("e-mail (schulisch)", "e-mail", "email", "e-mail (privat)"),
    # The school year of attendance (leaver rule, schools/leaving.py): given directly, or from
    # SchILD's Einschulungsjahr (year of school entry; this school year counts from it).
    "attendance_year": ("schulbesuchsjahr", "schulbesuchsjahre"),
    "school_entry_year": ("einschulungsjahr",),
    # KAoA target groups (schools/target_groups.py): SchILD's Förderschwerpunkt and the date
    # of arrival (Zuzugsdatum).
    "foerderschwerpunkt": ("förderschwerpunkt", "foerderschwerpunkt", "förderschwerpunkt 1"),
    "arrived_on": ("zuzugsdatum", "datum des zuzugs", "zuzug am", "zuzug"),
}
# Row fields stored on the class membership, not on the pupil's account.
MEMBERSHIP_FIELDS = ("attendance_year",)
# Row fields that set the pupil's KAoA target groups, not the account.
TARGET_GROUP_FIELDS = ("foerderschwerpunkt", "arrived_on")
FOERDERSCHWERPUNKT_NAMES = {
    "lernen": "LE", "emotionale und soziale entwicklung": "ES", "sprache": "SQ",
    "geistige entwicklung": "GG", "körperliche und motorische entwicklung": "KM",
    "hören und kommunikation": "HK", "sehen": "SE", "autismus": "AU",
}  # fmt: skip
FOERDERSCHWERPUNKT_KEYS = ("LE", "ES", "SQ", "GG", "KM", "HK", "SE", "AU")
REQUIRED = {
    "last_name": "Nachname",
    "first_name": "Vorname",
    "birth_date": "Geburtsdatum",
    "external_id": "Interne ID-Nummer (oder ID, Schüler-ID, externe ID)",
}
# fmt: off
SEX_VALUES = {  # SchILD writes m/w/d/oA, or its keys 3/4/5/6
    "m": "m", "3": "m", "männlich": "m", "w": "w", "4": "w", "weiblich": "w",
    "d": "d", "5": "d", "divers": "d", "x": "x", "6": "x", "oa": "x", "ohne angabe": "x",
}
# fmt: on
MAX_LENGTH = {
    "last_name": 100,
    "first_name": 100,
    "external_id": 64,
    "street": 200,
    "city": 120,
    "email": 255,
}  # fmt: skip
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class RosterRow:
    row: int
    fields: dict  # model attribute → value, only for columns the file carries


@dataclass
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    column_index: dict[str, int] = field(default_factory=dict)  # attribute → position
    columns: dict[str, str] = field(default_factory=dict)  # attribute → header in the file

    def reject(self, row: int, reason: str, column: str, **values) -> None:
        german, english = REASONS[reason]
        self.rejected.append(
            {
                "row": row,
                "field": column,
                "reason_de": german.format(column=column, **values),
                "reason_en": english.format(column=column, **values),
            }
        )


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not) first; SchILD's classic Windows-1252 otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise _file_error("roster-not-text") from error
    if "\x00" in text:
        raise _file_error("roster-not-text")
    return text


def _file_error(code: str, **params) -> Invalid:
    return Invalid(code, field="file", **params)


def _normalise(header: str) -> str:
    return " ".join(header.strip().strip('"').split()).casefold()


def encoding_of(data: bytes) -> str:
    """The encoding `decode` reads the file with: "utf-8" or "windows-1252"."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def delimiter_of(first_line: str) -> str:
    """SchILD writes `;`; tabs and commas are accepted from spreadsheets saved by hand."""
    for candidate in (";", "\t", ","):
        if candidate in first_line:
            return candidate
    return ";"


def map_columns(header: list[str]) -> dict[str, int]:
    """Attribute → column index; unknown columns are ignored, missing required ones refused."""
    positions = {}
    for index, name in enumerate(header):
        positions.setdefault(_normalise(name), index)
    mapping = {}
    for attribute, aliases in COLUMN_ALIASES.items():
        found = [positions[a] for a in aliases if a in positions]
        if found:
            mapping[attribute] = found[0]
    missing = [label for attribute, label in REQUIRED.items() if attribute not in mapping]
    if missing:
        raise _file_error("roster-columns-missing", columns=missing)
    return mapping


def read_table(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-empty data rows with their row numbers."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    try:
        records = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(first_line))
        )
    except csv.Error as error:
        raise _file_error("roster-malformed") from error
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(cell.strip() for cell in r)]
    if not numbered:
        raise _file_error("roster-empty")
    (_, header), rows = numbered[0], numbered[1:]
    if len(rows) > MAX_ROWS:
        raise _file_error("roster-too-many-rows", max=MAX_ROWS)
    return header, rows


def parse_date(value: str) -> date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def class_key(name: str) -> str:
    """'10 a', '10A' and '10a' name the same class."""
    return "".join(name.split()).casefold()


def _check_length(
    parsed: ParsedRoster, number: int, attribute: str, value: str, column: str
) -> bool:
    limit = MAX_LENGTH.get(attribute)
    if limit and len(value) > limit:
        parsed.reject(number, "too_long", column, limit=limit)
        return False
    return True


def _birth_date(parsed, number, value, column, age_range, today) -> date | None:
    born = parse_date(value)
    if born is None:
        parsed.reject(number, "date", column, value=value[:40])
        return None
    if not age_range[0] <= _age(born, today) <= age_range[1]:
        parsed.reject(number, "implausible_date", column, value=value)
        return None
    return born


def _optional(parsed, number, attribute, value, column):
    """Sex, postcode and e-mail are checked; an empty cell clears the stored value."""
    if not value:
        return None
    if attribute == "sex":
        sex = SEX_VALUES.get(value.casefold())
        if sex is None:
            parsed.reject(number, "sex", column, value=value[:20])
        return sex
    if attribute == "postcode" and not re.fullmatch(r"\d{5}", value):
        parsed.reject(number, "postcode", column, value=value[:20])
        return None
    if attribute == "email" and not EMAIL.match(value):
        parsed.reject(number, "email", column, value=value[:80])
        return None
    return value


def _attendance(parsed, number, attribute, value, column, today) -> int | None:
    """The school year of attendance from its own column or from the year of school entry."""
    year = int(value) if value.isdigit() else None
    if attribute == "school_entry_year":
        start = today.year if today.month >= 8 else today.year - 1
        attended = start - year + 1 if year is not None else None
        if attended is None or not 1 <= attended <= 20:
            parsed.reject(number, "entry_year", column, value=value[:20])
            return None
        return attended
    if year is None or not 1 <= year <= 20:
        parsed.reject(number, "attendance_year", column, value=value[:20])
        return None
    return year


def _foerderschwerpunkt(parsed, number, value: str, column: str) -> str | None:
    """SchILD's key (LE, GG …) or name (Lernen, Sehen …); empty: none."""
    if not value:
        return None
    key = value.strip().upper()
    if key in FOERDERSCHWERPUNKT_KEYS:
        return key
    named = FOERDERSCHWERPUNKT_NAMES.get(value.strip().casefold())
    if named is None:
        parsed.reject(number, "foerderschwerpunkt", column, value=value[:40])
    return named


def _row_fields(parsed, number, cells, target_class, age_range, today) -> dict | None:
    """Validated model fields of one row, or None when the row was rejected."""
    before = len(parsed.rejected)
    values = {a: cells[i].strip() if i < len(cells) else "" for a, i in parsed.column_index.items()}
    fields: dict = {}
    for attribute, value in values.items():
        column = parsed.columns[attribute]
        if attribute in REQUIRED and not value:
            parsed.reject(number, "required", column)
        elif not _check_length(parsed, number, attribute, value, column):
            continue
        elif attribute == "birth_date" and value:
            fields[attribute] = _birth_date(parsed, number, value, column, age_range, today)
        elif attribute == "class_name":
            if value and class_key(value) != class_key(target_class):
                parsed.reject(number, "wrong_class", column, value=value[:20], target=target_class)
        elif attribute in ("sex", "postcode", "email"):
            fields[attribute] = _optional(parsed, number, attribute, value, column)
        elif attribute == "foerderschwerpunkt":
            fields[attribute] = _foerderschwerpunkt(parsed, number, value, column)
        elif attribute == "arrived_on":
            fields[attribute] = parse_date(value) if value else None
            if value and fields[attribute] is None:
                parsed.reject(number, "date", column, value=value[:40])
        elif attribute in ("attendance_year", "school_entry_year"):
            if value:
                attended = _attendance(parsed, number, attribute, value, column, today)
                fields["attendance_year"] = attended
        elif attribute in REQUIRED:
            fields[attribute] = value
        elif attribute != "house_number":
            fields[attribute] = value or None
    house_number = values.get("house_number", "")
    if "street" in fields and house_number and not (fields["street"] or "").endswith(house_number):
        fields["street"] = f"{fields['street'] or ''} {house_number}".strip()[:200]
    return fields if len(parsed.rejected) == before else None


def parse_roster(
    data: bytes, target_class: str, age_range: tuple[int, int], today: date
) -> ParsedRoster:
    """Read and validate every row; rejected rows are reported, never half-accepted."""
    header, rows = read_table(data)
    column_index = map_columns(header)
    parsed = ParsedRoster(
        column_index=column_index,
        columns={a: header[i].strip() for a, i in column_index.items()},
    )
    id_position, first_seen = column_index["external_id"], {}
    for number, cells in rows:
        fields = _row_fields(parsed, number, cells, target_class, age_range, today)
        external_id = cells[id_position].strip() if id_position < len(cells) else ""
        if external_id in first_seen:
            parsed.reject(
                number,
                "duplicate",
                parsed.columns["external_id"],
                value=external_id[:64],
                other=first_seen[external_id],
            )
            continue
        if external_id:
            first_seen[external_id] = number
        if fields is not None:
            parsed.rows.append(RosterRow(row=number, fields=fields))
    return parsed
