"""Schemas of a round's snapshot and the Kommune's progress over its rounds."""

from __future__ import annotations

from marshmallow import fields as f

from app.core.schemas import OutputSchema
from app.verantwortungskette.schemas import IdentificationRoundSchema

_masked = {
    "description": 'A count, or "masked" (small or recomputable cells); null before the cut-off'
}


class RoundSchoolSchema(OutputSchema):
    school_id = f.Integer(required=True)
    school_name = f.String(required=True)
    completed_at = f.DateTime(allow_none=True)
    leavers = f.String(allow_none=True, metadata=_masked)
    listed = f.String(allow_none=True, metadata=_masked)
    listed_now = f.String(allow_none=True, metadata={"description": "listed today (masked)"})


class SnapshotEntrySchema(OutputSchema):
    pupil_id = f.Integer(allow_none=True)
    first_name = f.String(required=True)
    last_name = f.String(required=True)
    class_name = f.String(required=True)
    status = f.String(required=True)
    option_code = f.String(allow_none=True)
    declared_on = f.Date(allow_none=True, metadata={"description": "the pupil's own answer"})


class SnapshotChangeSchema(OutputSchema):
    change = f.String(required=True, metadata={"description": "added, removed or status"})
    pupil_id = f.Integer(allow_none=True)
    first_name = f.String(required=True)
    last_name = f.String(required=True)
    class_name = f.String(required=True)
    status_then = f.String(allow_none=True)
    status_now = f.String(allow_none=True)


class SchoolSnapshotSchema(OutputSchema):
    completed_at = f.DateTime(allow_none=True)
    leavers = f.Integer(allow_none=True)
    listed = f.Integer(allow_none=True)
    items = f.List(f.Nested(SnapshotEntrySchema), required=True)
    changes = f.List(f.Nested(SnapshotChangeSchema), required=True)


class RoundSnapshotSchema(OutputSchema):
    round = f.Nested(IdentificationRoundSchema, required=True)
    frozen = f.Boolean(required=True)
    frozen_at = f.DateTime(allow_none=True)
    school = f.Nested(SchoolSnapshotSchema, allow_none=True, metadata={"description": "staff"})
    schools = f.List(f.Nested(RoundSchoolSchema), required=True)


class RoundProgressSchema(OutputSchema):
    round = f.Nested(IdentificationRoundSchema, required=True)
    frozen = f.Boolean(required=True)
    frozen_at = f.DateTime(allow_none=True)
    completed = f.Integer(required=True)
    total = f.Integer(required=True)
    schools = f.List(f.Nested(RoundSchoolSchema), required=True)


class RoundsProgressSchema(OutputSchema):
    kommune_id = f.Integer(required=True)
    rounds = f.List(f.Nested(RoundProgressSchema), required=True)
