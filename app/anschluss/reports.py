"""News a pupil reports about their Anschluss, confirmed or dismissed by staff."""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import reference, status
from app.anschluss.models import AnschlussReport
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db

# What a pupil can report: the status they now have.
REPORTABLE = ("beworben", "zugesagt", "angetreten", "nokean")


def _view(report: AnschlussReport) -> dict:
    return {
        "id": report.id,
        "pupil_id": report.pupil_id,
        "proposed_status": report.proposed_status,
        "option_code": report.option_code,
        "state": report.state,
        "created_at": report.created_at,
        "decided_at": report.decided_at,
    }


def create(pupil, data: dict) -> dict:
    """A pupil reports news; one pending report at a time keeps the teacher's queue clear."""
    if data["proposed_status"] not in REPORTABLE:
        raise Invalid("status-not-reportable", field="proposed_status")
    reference.require_option(data.get("option_code"))
    pending = db.session.scalar(
        select(AnschlussReport).where(
            AnschlussReport.pupil_id == pupil.id, AnschlussReport.state == "pending"
        )
    )
    if pending is not None:
        raise Conflict("report-pending")
    year = reference.current_school_year(create=True)
    report = AnschlussReport(
        pupil_id=pupil.id,
        school_year_id=year.id,
        proposed_status=data["proposed_status"],
        option_code=data.get("option_code"),
    )
    db.session.add(report)
    db.session.flush()
    return _view(report)


def list_for_pupil(pupil_id: int, pending_only: bool = False) -> list[dict]:
    query = select(AnschlussReport).where(AnschlussReport.pupil_id == pupil_id)
    if pending_only:
        query = query.where(AnschlussReport.state == "pending")
    reports = db.session.scalars(query.order_by(AnschlussReport.created_at.desc())).all()
    return [_view(r) for r in reports]


def list_for_staff(user, pupil_id: int) -> list[dict]:
    audit.record(
        user,
        "read",
        "anschluss_reports",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("anschluss",),
    )
    return list_for_pupil(pupil_id)


def _pending(anschluss_report_id: int) -> AnschlussReport:
    report = db.session.get(AnschlussReport, anschluss_report_id)
    if report.state != "pending":
        raise Conflict("report-already-decided")
    return report


def confirm(user, anschluss_report_id: int, data: dict) -> dict:
    """Apply the reported status (staff may complete option and certificate) and close it."""
    report = _pending(anschluss_report_id)
    current = status.find(report.pupil_id, report.school_year_id)
    known_option = report.option_code or (current.option_code if current else None)
    change = {
        "status": report.proposed_status,
        "option_code": data.get("option_code", known_option),
        "expected_certificate": data.get(
            "expected_certificate", current.expected_certificate if current else None
        ),
        "evidence": "pupil_report",
    }
    status.apply_change(user, report.pupil_id, change, source="pupil_report")
    report.state = "confirmed"
    report.decided_at = clock.now()
    report.decided_by_id = user.id
    db.session.flush()
    audit.record(
        user,
        "update",
        "anschluss",
        [report.pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("anschluss",),
    )
    return _view(report)


def dismiss(user, anschluss_report_id: int) -> dict:
    report = _pending(anschluss_report_id)
    report.state = "dismissed"
    report.decided_at = clock.now()
    report.decided_by_id = user.id
    db.session.flush()
    return _view(report)
