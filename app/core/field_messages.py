"""Field messages (`errors` of a problem) in the request's language.

A message is one of
- a problem code or a field-message code of the catalogues (what the app writes itself:
  `Invalid("slot-not-bookable", field="slot_id")`, `validate.Regexp(..., error="postcode")`),
  rendered with the problem's parameters;
- one of marshmallow's own English messages (missing field, wrong type, length, range, choice):
  recognised by its fixed wording and rendered from the `fields` catalogue section, so that
  a German screen does not show English sentences;
- anything else (a rare library message): passed on unchanged, in English.
"""

from __future__ import annotations

import re

from app.core import i18n

# marshmallow's default messages (marshmallow 4) → field-message code. Parameters are named
# groups. Only messages a person can provoke through a form are listed.
MARSHMALLOW_MESSAGES = [
    ("required", r"Missing data for required field\."),
    ("null", r"Field may not be null\."),
    ("unknown", r"Unknown field\."),
    ("invalid-type", r"Invalid (?:input )?type\."),
    ("invalid", r"Invalid (?:value|input)\."),
    ("not-integer", r"Not a valid integer\."),
    ("not-number", r"Not a valid number\."),
    ("too-large", r"Number too large\."),
    ("not-string", r"Not a valid string\."),
    ("not-boolean", r"Not a valid boolean\."),
    ("not-date", r"Not a valid date\."),
    ("not-datetime", r"Not a valid (?:\w+ )?datetime\."),
    ("not-time", r"Not a valid time\."),
    ("not-email", r"Not a valid email address\."),
    ("not-url", r"Not a valid URL\."),
    ("not-list", r"Not a valid list\."),
    ("not-mapping", r"Not a valid mapping type\."),
    ("one-of", r"Must be one of: (?P<choices>.*)\."),
    ("pattern", r"String does not match expected pattern\."),
    ("length-min", r"Shorter than minimum length (?P<min>\d+)\."),
    ("length-max", r"Longer than maximum length (?P<max>\d+)\."),
    ("length-between", r"Length must be between (?P<min>\d+) and (?P<max>\d+)\."),
    ("length-equal", r"Length must be (?P<equal>\d+)\."),
    ("range-min", r"Must be greater than or equal to (?P<min>\S+)\."),
    ("range-max", r"Must be less than or equal to (?P<max>\S+)\."),
    (
        "range-between",
        r"Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.",
    ),
]
_PATTERNS = [(code, re.compile(pattern)) for code, pattern in MARSHMALLOW_MESSAGES]


def message(value, language: str, params: dict) -> str:
    value = str(value)
    for section in ("problems", "fields"):
        known = i18n.text(section, value, language, **params)
        if known is not None:
            return known
    for code, pattern in _PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return i18n.text("fields", code, language, **match.groupdict()) or value
    return value


def translate(errors: dict, language: str, params: dict | None = None) -> dict[str, list[str]]:
    """Field → messages in the language (a single message may be given without a list)."""
    params = params or {}
    return {
        field: [
            message(value, language, params)
            for value in (values if isinstance(values, list | tuple) else [values])
        ]
        for field, values in errors.items()
    }
