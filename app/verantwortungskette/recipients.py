"""Recipient organisations: the named legal entities a Kommune hands its leavers to.

Each Kommune configures them (GET/POST /kommunen/<id>/recipients, PATCH /recipients/<id>):
the Agentur für Arbeit (Berufsberatung), the Jobcenter, the Jugendhilfe (Jugendamt), a
Berufskolleg of its school list, and its Kommunale Koordinierung. A Jugendberufsagentur is a
cooperation of these and never a recipient: a consent must name one legal entity
(docs/glossary.md "Empfänger").

Before recipients were configurable, a consent named "berufskolleg" + a school or "kommune";
that input still works and resolves to the Kommune's organisation, which is created on first
use for a Berufskolleg of the Kommune and for its coordination (the former implicit targets).
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.schools.models import Kommune, School
from app.verantwortungskette.models import CASE_KIND, Recipient, RecipientCoordinator

COORDINATION = "kommunale_koordinierung"
COLLEGE = "berufskolleg"
LEGACY_KINDS = {"berufskolleg": COLLEGE, "kommune": COORDINATION}
KIND_LABELS = {
    "agentur_fuer_arbeit": "Agentur für Arbeit (Berufsberatung)",
    "jobcenter": "Jobcenter",
    "jugendhilfe": "Jugendhilfe (Jugendamt)",
    "berufskolleg": "Berufskolleg",
    "kommunale_koordinierung": "Kommunale Koordinierung",
}


def coordination_name(kommune: Kommune) -> str:
    return f"{kommune.coordination_name or KIND_LABELS[COORDINATION]} {kommune.name}"


def view(recipient: Recipient) -> dict:
    return {
        "id": recipient.id,
        "kommune_id": recipient.kommune_id,
        "kind": recipient.kind,
        "recipient": CASE_KIND[recipient.kind],
        "name": recipient.name,
        "school_id": recipient.school_id,
        "address": recipient.address,
        "email": recipient.email,
        "active": recipient.active,
    }


def of_kommune(kommune_id: int, active_only: bool = False) -> list[Recipient]:
    query = select(Recipient).where(Recipient.kommune_id == kommune_id)
    if active_only:
        query = query.where(Recipient.active.is_(True))
    return list(db.session.scalars(query.order_by(Recipient.kind, Recipient.name)))


def _college(kommune_id: int, school_id: int | None, field: str) -> School:
    school = db.session.get(School, school_id) if school_id else None
    if school is None or not school.is_berufskolleg:
        raise Invalid("recipient-not-berufskolleg", field=field)
    if school.kommune_id != kommune_id:
        raise Invalid("recipient-not-of-pupils-kommune", field=field)
    return school


def _unique(kommune_id: int, kind: str, name: str, school_id, own_id=None) -> None:
    clash = select(Recipient.id).where(Recipient.kommune_id == kommune_id)
    if kind == COLLEGE:
        clash = clash.where((Recipient.school_id == school_id) | (Recipient.name == name))
    elif kind == COORDINATION:
        clash = clash.where((Recipient.kind == COORDINATION) | (Recipient.name == name))
    else:
        clash = clash.where(Recipient.name == name)
    if own_id is not None:
        clash = clash.where(Recipient.id != own_id)
    if db.session.scalar(clash.limit(1)) is not None:
        raise Conflict("recipient-exists", field="name")


def create(kommune_id: int, data: dict) -> Recipient:
    kind = data["kind"]
    school_id = data.get("school_id")
    name = (data.get("name") or "").strip()
    if kind == COLLEGE:
        if school_id is None:
            raise Invalid("recipient-school-required", field="school_id")
        name = name or _college(kommune_id, school_id, "school_id").name
    elif school_id is not None:
        raise Invalid("recipient-school-only-for-berufskolleg", field="school_id")
    if not name:
        name = (
            coordination_name(db.session.get(Kommune, kommune_id))
            if kind == COORDINATION
            else KIND_LABELS[kind]
        )
    _unique(kommune_id, kind, name, school_id)
    recipient = Recipient(
        kommune_id=kommune_id,
        kind=kind,
        name=name,
        school_id=school_id,
        address=data.get("address"),
        email=data.get("email"),
        active=data.get("active", True),
    )
    db.session.add(recipient)
    db.session.flush()
    return recipient


def update(recipient_id: int, data: dict) -> Recipient:
    recipient = db.session.get(Recipient, recipient_id)
    if "kind" in data and data["kind"] != recipient.kind:
        raise Invalid("recipient-kind-fixed", field="kind")
    if "name" in data:
        name = data["name"].strip()
        _unique(recipient.kommune_id, recipient.kind, name, recipient.school_id, recipient.id)
        recipient.name = name
    for field in ("address", "email", "active"):
        if field in data:
            setattr(recipient, field, data[field])
    recipient.updated_at = clock.now()
    db.session.flush()
    return recipient


def _legacy(kommune_id: int, kind: str, school_id: int | None) -> Recipient:
    """The organisation behind the former "berufskolleg"/"kommune" targets (made on first use)."""
    org_kind = LEGACY_KINDS[kind]
    query = select(Recipient).where(Recipient.kommune_id == kommune_id, Recipient.kind == org_kind)
    if org_kind == COLLEGE:
        _college(kommune_id, school_id, "recipient_school_id")
        query = query.where(Recipient.school_id == school_id)
    elif school_id is not None:
        raise Invalid("kommune-recipient-without-school", field="recipient_school_id")
    found = db.session.scalar(query.limit(1))
    if found is not None:
        return found
    return create(kommune_id, {"kind": org_kind, "school_id": school_id})


def named_field(data: dict) -> str:
    """The request field that named the recipient (for the problem's `errors`)."""
    return "recipient_id" if data.get("recipient_id") is not None else "recipient"


def resolve(kommune_id: int, data: dict) -> Recipient:
    """The recipient a consent or handover names: by id, or by the former kind + school.

    Only an active recipient of the pupil's Kommune may be named (issue 9, info item)."""
    if data.get("recipient_id") is not None:
        recipient = db.session.get(Recipient, data["recipient_id"])
        if recipient is None or recipient.kommune_id != kommune_id:
            raise Invalid("recipient-not-of-pupils-kommune", field="recipient_id")
    elif data.get("recipient"):
        recipient = _legacy(kommune_id, data["recipient"], data.get("recipient_school_id"))
    else:
        raise Invalid("recipient-required", field="recipient_id")
    if not recipient.active:
        raise Invalid("recipient-inactive", field="recipient_id")
    return recipient


def choices(kommune_id: int) -> list[dict]:
    """What a consent of a pupil of this Kommune may name: its active recipients, plus the
    Berufskollegs of its school list and its coordination not configured yet (former targets;
    naming one creates its organisation)."""
    configured = of_kommune(kommune_id)
    items = [
        {**view(r), "recipient_id": r.id, "recipient_school_id": r.school_id}
        for r in configured
        if r.active
    ]
    taken_schools = {r.school_id for r in configured if r.school_id}
    colleges = db.session.scalars(
        select(School)
        .where(School.kommune_id == kommune_id, School.schulform == "BK")
        .order_by(School.name)
    )
    for school in colleges:
        if school.id not in taken_schools:
            items.append(_implicit(kommune_id, COLLEGE, school.name, school.id))
    if not any(r.kind == COORDINATION for r in configured):
        kommune = db.session.get(Kommune, kommune_id)
        items.append(_implicit(kommune_id, COORDINATION, coordination_name(kommune), None))
    return items


def _implicit(kommune_id: int, kind: str, name: str, school_id) -> dict:
    return {
        "id": None,
        "recipient_id": None,
        "kommune_id": kommune_id,
        "kind": kind,
        "recipient": CASE_KIND[kind],
        "name": name,
        "school_id": school_id,
        "recipient_school_id": school_id,
        "address": None,
        "email": None,
        "active": True,
    }


def organisation_of(user: User) -> int | None:
    """The recipient organisation a recipient_coordinator belongs to."""
    return db.session.scalar(
        select(RecipientCoordinator.recipient_id).where(RecipientCoordinator.user_id == user.id)
    )
