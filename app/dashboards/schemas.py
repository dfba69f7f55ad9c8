"""Schemas of the read side's class progress matrix and supply vs. demand."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import OutputSchema


class ClassProgressStepSchema(OutputSchema):
    key = ma.fields.String(required=True)
    sbo_kuerzel = ma.fields.String(required=True)
    sequence = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    jahrgang = ma.fields.String(
        required=True, metadata={"description": "An earlier Jahrgang: a mandatory step still due"}
    )
    mandatory = ma.fields.Boolean(required=True)
    official_text = ma.fields.String(required=True)


class ClassProgressPupilSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    statuses = ma.fields.List(
        ma.fields.String(allow_none=True),
        required=True,
        metadata={"description": "Per column; null where the step is not in the pupil's plan"},
    )
    target_groups = ma.fields.List(ma.fields.String(), required=True)
    mandatory_due = ma.fields.Integer(required=True)
    mandatory_met = ma.fields.Integer(required=True)
    missing = ma.fields.List(ma.fields.String(), required=True)
    shared_count = ma.fields.Integer(required=True)


class ClassProgressTotalSchema(OutputSchema):
    key = ma.fields.String(required=True)
    done = ma.fields.Integer(required=True)
    planned = ma.fields.Integer(required=True)
    open = ma.fields.Integer(required=True)
    not_taken = ma.fields.Integer(required=True)


class ClassProgressSchema(OutputSchema):
    class_id = ma.fields.Integer(required=True)
    class_name = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    steps = ma.fields.List(ma.fields.Nested(ClassProgressStepSchema), required=True)
    pupils = ma.fields.List(ma.fields.Nested(ClassProgressPupilSchema), required=True)
    totals = ma.fields.List(ma.fields.Nested(ClassProgressTotalSchema), required=True)


class FieldSupplySchema(OutputSchema):
    berufsfeld = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    offers = ma.fields.Integer(required=True)
    places = ma.fields.Integer(required=True)
    booked = ma.fields.Integer(required=True)
    free = ma.fields.Integer(required=True)
    waitlisted = ma.fields.Integer(required=True)
    short = ma.fields.Boolean(required=True, metadata={"description": "more waiting than free"})


class SupplyDemandSchema(OutputSchema):
    kommune_id = ma.fields.Integer(required=True)
    school_id = ma.fields.Integer(allow_none=True)
    pupils_needing_bfe = ma.fields.Integer(
        allow_none=True, metadata={"description": "null when masked (see masked)"}
    )
    missing_days = ma.fields.Integer(allow_none=True)
    total_places = ma.fields.Integer(required=True)
    total_free = ma.fields.Integer(required=True)
    shortfall = ma.fields.Integer(allow_none=True)
    masked = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "A school's pupil figures seen by the Kommune: hidden when below 5 "
            "or recomputable from the Kommune total and the other schools"
        },
    )
    fields = ma.fields.List(ma.fields.Nested(FieldSupplySchema), required=True)


class VacancyFieldSchema(OutputSchema):
    berufsfeld = ma.fields.String(required=True, metadata={"description": "'none': no field"})
    name = ma.fields.String(required=True)
    vacancies = ma.fields.Integer(required=True)
    places = ma.fields.Integer(required=True)
    interested = ma.fields.String(required=True, metadata={"description": "count or 'masked'"})
    unplaced_youths = ma.fields.String(required=True, metadata={"description": "count or 'masked'"})
    short = ma.fields.Boolean(
        allow_none=True, metadata={"description": "fewer places than youths; null when masked"}
    )


class VacancySupplySchema(OutputSchema):
    kommune_id = ma.fields.Integer(required=True)
    rows = ma.fields.List(ma.fields.Nested(VacancyFieldSchema), required=True)
    total_vacancies = ma.fields.Integer(required=True)
    total_places = ma.fields.Integer(required=True)
    total_unplaced_youths = ma.fields.String(required=True)
