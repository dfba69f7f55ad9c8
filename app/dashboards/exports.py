"""CSV and XLSX exports of the leaver list: only the fields needed for follow-up, in the reader's
language (names, never catalogue keys, except the two code columns at the end); audited."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from app.catalog.models import AnschlussOption, LeavingCertificate
from app.core import audit, i18n
from app.dashboards import leavers
from app.extensions import db

# The row key of each column; the header is the catalogue's label `leavers-export-<key>` in the
# reader's language. Catalogue keys (status, option, certificate) are shown by name; the option
# and certificate codes follow as the last columns, for matching with the school's software.
COLUMNS = (
    "class_name",
    "last_name",
    "first_name",
    "expected_certificate",
    "status",
    "option_code",
    "risk_reasons",
    "overdue_steps",
    "option_key",
    "certificate_key",
)
CODE_COLUMNS = {"option_key": "option_code", "certificate_key": "expected_certificate"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Option and certificate names by code (two statements, whatever the list's size)."""
    options = dict(db.session.execute(select(AnschlussOption.kuerzel, AnschlussOption.text)).all())
    certificates = dict(
        db.session.execute(select(LeavingCertificate.key, LeavingCertificate.text)).all()
    )
    return options, certificates


def _label(section: str, key: str, language: str) -> str:
    return i18n.text(section, key, language) or key


def _cell(row: dict, key: str, names, language: str):
    options, certificates = names
    if key == "risk_reasons":
        return ", ".join(_label("labels", f"risk-reason-{r}", language) for r in row[key])
    if key == "status":
        return _label("fields", f"anschluss-status-{row[key]}", language)
    if key == "option_code":
        return options.get(row[key], row[key]) if row[key] else ""
    if key == "expected_certificate":
        return certificates.get(row[key], row[key]) if row[key] else ""
    value = row.get(CODE_COLUMNS.get(key, key))
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # spreadsheets must not run names as formulas
    return value


def _header(language: str) -> list[str]:
    return [_label("labels", f"leavers-export-{key}", language) for key in COLUMNS]


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
    names, language = _names(), i18n.request_language()
    return [[_cell(row, key, names, language) for key in COLUMNS] for row in rows]


def leavers_csv(user, school_id: int, query: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(i18n.request_language()))
    writer.writerows(_rows(user, school_id, query, "csv"))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def leavers_xlsx(user, school_id: int, query: dict) -> bytes:
    from openpyxl import Workbook  # 0.2 s to import: loaded by the first XLSX export

    workbook = Workbook(write_only=True)
    language = i18n.request_language()
    sheet = workbook.create_sheet(_label("labels", "leavers-export-sheet", language))
    sheet.append(_header(language))
    for row in _rows(user, school_id, query, "xlsx"):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
