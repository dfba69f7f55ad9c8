"""CSV and XLSX exports of the leaver list: only the fields needed for follow-up; audited."""

from __future__ import annotations

import csv
import io

from app.core import audit
from app.dashboards import leavers

# Header (German: the files go to school staff) and the row key it shows.
COLUMNS = (
    ("Klasse", "class_name"),
    ("Nachname", "last_name"),
    ("Vorname", "first_name"),
    ("Erwarteter Abschluss", "expected_certificate"),
    ("Status", "status"),
    ("Anschlussoption", "option_code"),
    ("Risikogründe", "risk_reasons"),
    ("Überfällige nächste Schritte", "overdue_steps"),
)
REASON_LABELS = {
    "no_internship": "kein Praktikum",
    "no_counselling": "keine Beratung",
    "no_application": "keine Bewerbung",
    "overdue_next_step": "nächster Schritt überfällig",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(row: dict, key: str):
    value = row[key]
    if key == "risk_reasons":
        return ", ".join(REASON_LABELS[r] for r in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # spreadsheets must not run names as formulas
    return value


def _rows(user, school_id: int, query: dict, export_format: str) -> list[list]:
    rows = leavers.leaver_rows(school_id, query)
    audit.record(
        user,
        "export",
        f"leavers.{export_format}",
        [r["pupil_id"] for r in rows],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return [[_cell(row, key) for _, key in COLUMNS] for row in rows]


def leavers_csv(user, school_id: int, query: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _ in COLUMNS])
    writer.writerows(_rows(user, school_id, query, "csv"))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def leavers_xlsx(user, school_id: int, query: dict) -> bytes:
    from openpyxl import Workbook  # 0.2 s to import: loaded by the first XLSX export

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Abgänger")
    sheet.append([header for header, _ in COLUMNS])
    for row in _rows(user, school_id, query, "xlsx"):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
