"""Request and response schemas of vacancies, matches, interest and case suggestions."""

from __future__ import annotations

import marshmallow as ma

from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema
from app.internships.models import BERUFSFELDER
from app.vacancies.models import SUGGESTION_OUTCOMES, VACANCY_SOURCES, VACANCY_STATES
from app.verantwortungskette.models import CONTACT_CHANNELS

ID_RANGE = ma.validate.Range(min=1, max=2**31 - 1)
POSTCODE = ma.validate.Regexp(r"^\d{5}$", error="postcode")
CERTIFICATE = ma.validate.Length(max=16)


def _text(max_length: int, **kwargs):
    return ma.fields.String(validate=ma.validate.Length(max=max_length), **kwargs)


class VacancyCreateSchema(InputSchema):
    provider_id = ma.fields.Integer(
        validate=ID_RANGE, metadata={"description": "Kommune coordinators: the provider"}
    )
    occupation_id = ma.fields.Integer(required=True, validate=ID_RANGE)
    title = _text(200, metadata={"description": "defaults to the occupation's name"})
    starts_on = ma.fields.Date(required=True)
    places = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=500))
    street = _text(200, load_default="")
    postcode = ma.fields.String(required=True, validate=POSTCODE)
    city = _text(120, load_default="")
    usual_certificate = ma.fields.String(
        allow_none=True,
        validate=CERTIFICATE,
        metadata={"description": "the leaving certificate usually expected (SBO 10.7.x)"},
    )
    apply_until = ma.fields.Date(allow_none=True)
    how_to_apply = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=2000))
    description = _text(4000, load_default="")
    accessibility_notes = _text(2000, load_default="")


class VacancyPatchSchema(InputSchema):
    occupation_id = ma.fields.Integer(validate=ID_RANGE)
    title = _text(200)
    starts_on = ma.fields.Date()
    places = ma.fields.Integer(validate=ma.validate.Range(min=1, max=500))
    street = _text(200)
    postcode = ma.fields.String(validate=POSTCODE)
    city = _text(120)
    usual_certificate = ma.fields.String(allow_none=True, validate=CERTIFICATE)
    apply_until = ma.fields.Date(allow_none=True)
    how_to_apply = ma.fields.String(validate=ma.validate.Length(min=1, max=2000))
    description = _text(4000)
    accessibility_notes = _text(2000)
    status = ma.fields.String(
        validate=ma.validate.OneOf(("open", "filled")),
        metadata={"description": "filled closes the vacancy; open reopens it"},
    )


class VacancyQuerySchema(PageQuerySchema):
    berufsfeld = ma.fields.String(validate=ma.validate.OneOf(BERUFSFELDER))
    status = ma.fields.String(validate=ma.validate.OneOf(VACANCY_STATES))
    source = ma.fields.String(validate=ma.validate.OneOf(VACANCY_SOURCES))
    pending = ma.fields.Boolean(metadata={"description": "only vacancies awaiting approval"})


class CandidateSchema(OutputSchema):
    interest_id = ma.fields.Integer(required=True)
    since = ma.fields.DateTime(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    email = ma.fields.String(allow_none=True)
    school_name = ma.fields.String(allow_none=True)


class ReasonSchema(OutputSchema):
    kind = ma.fields.String(
        required=True,
        metadata={
            "description": "profile, berufsfeld, certificate-enough, certificate-ask, "
            "certificate-short, certificate-usual, distance, start"
        },
    )
    code = ma.fields.String(metadata={"description": "the interest code, e.g. S-A-E"})
    berufsfeld = ma.fields.String()
    certificate = ma.fields.String()
    km = ma.fields.Integer()
    date = ma.fields.String()


class OwnInterestSchema(OutputSchema):
    since = ma.fields.DateTime(required=True)
    consent = ma.fields.Boolean(required=True)


class VacancySchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    kommune_id = ma.fields.Integer(required=True)
    provider_id = ma.fields.Integer(allow_none=True)
    source = ma.fields.String(required=True)
    external_url = ma.fields.String(allow_none=True)
    employer_name = ma.fields.String(required=True)
    occupation_id = ma.fields.Integer(allow_none=True)
    title = ma.fields.String(required=True)
    kldb_code = ma.fields.String(allow_none=True)
    berufsfeld = ma.fields.String(allow_none=True)
    starts_on = ma.fields.Date(allow_none=True)
    places = ma.fields.Integer(required=True)
    street = ma.fields.String()
    postcode = ma.fields.String()
    city = ma.fields.String()
    usual_certificate = ma.fields.String(allow_none=True)
    apply_until = ma.fields.Date(allow_none=True)
    how_to_apply = ma.fields.String()
    description = ma.fields.String()
    accessibility_notes = ma.fields.String()
    status = ma.fields.String(required=True)
    provider_approved = ma.fields.Boolean(allow_none=True)
    live = ma.fields.Boolean(required=True)
    refreshed_at = ma.fields.DateTime(allow_none=True)
    updated_at = ma.fields.DateTime()
    distance_km = ma.fields.Float(allow_none=True)
    interested_count = ma.fields.Integer(
        allow_none=True, metadata={"description": "company and Kommune: interested pupils"}
    )
    interested = ma.fields.Boolean(metadata={"description": "matches: I marked interest"})
    my_interest = ma.fields.Nested(OwnInterestSchema, allow_none=True)
    candidates = ma.fields.List(ma.fields.Nested(CandidateSchema))
    score = ma.fields.Integer()
    why = ma.fields.List(ma.fields.Nested(ReasonSchema))
    suggestion_outcome = ma.fields.String(allow_none=True)


class VacancyPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(VacancySchema), required=True)


class MyMatchesSchema(OutputSchema):
    eligible = ma.fields.Boolean(
        required=True, metadata={"description": "a leaver without a secured Anschluss"}
    )
    profile_code = ma.fields.String(allow_none=True)
    items = ma.fields.List(ma.fields.Nested(VacancySchema), required=True)


class InterestInputSchema(InputSchema):
    interested = ma.fields.Boolean(load_default=True)
    consent = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "the pupil's consent that the company sees their name"},
    )


class InterestSchema(OutputSchema):
    vacancy_id = ma.fields.Integer(required=True)
    interested = ma.fields.Boolean(required=True)
    since = ma.fields.DateTime(allow_none=True)
    consent = ma.fields.Boolean(required=True)
    company_sees_me = ma.fields.Boolean(required=True)


class SuggestionInputSchema(InputSchema):
    vacancy_id = ma.fields.Integer(required=True, validate=ID_RANGE)
    channel = ma.fields.String(
        validate=ma.validate.OneOf(CONTACT_CHANNELS),
        metadata={
            "description": "defaults to the case's default channel (what the consent covers)"
        },
    )
    date = ma.fields.Date(metadata={"description": "defaults to today"})
    outcome = ma.fields.String(
        load_default="vorgeschlagen", validate=ma.validate.OneOf(SUGGESTION_OUTCOMES)
    )


class SuggestionSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    case_id = ma.fields.Integer(required=True)
    vacancy_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    employer_name = ma.fields.String(required=True)
    outcome = ma.fields.String(required=True)
    suggested_on = ma.fields.Date(required=True)
    outcome_on = ma.fields.Date(allow_none=True)
    contact_id = ma.fields.Integer(allow_none=True)
    application_id = ma.fields.Integer(allow_none=True)


class CaseMatchesSchema(OutputSchema):
    case_id = ma.fields.Integer(required=True)
    profile_code = ma.fields.String(allow_none=True)
    items = ma.fields.List(ma.fields.Nested(VacancySchema), required=True)
    suggestions = ma.fields.List(ma.fields.Nested(SuggestionSchema), required=True)


class OccupationSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    kldb_code = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(allow_none=True)
