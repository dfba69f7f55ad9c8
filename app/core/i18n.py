"""The server's own texts in the reader's language: catalogues and language negotiation.

Catalogues are `app/i18n/<language>.json`, one file per language, with sections (`titles`
by HTTP status, `problems` by problem code, `fields` by field-message code, `labels` for the
words of exports and PDFs: column headers, names of reasons). German is the
default and the fallback: an entry missing in another language is answered in German, so a
new language (tr, ar, uk, ru, pl …) can start with a partial file. Texts take named
parameters (`{date}`, `{name}`); dates and lists are formatted for the language.

The language of a request: the first answer of the registered language sources (a user's
stored setting plugs in here with `add_language_source`), else the best match of
`Accept-Language` among the catalogues, else German.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path

from flask import g, has_request_context, request

from app.core.clock import SCHOOL_TZ

DEFAULT_LANGUAGE = "de"
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "i18n"
SECTIONS = ("titles", "problems", "fields", "labels")

LanguageSource = Callable[[], str | None]
_language_sources: list[LanguageSource] = []


@cache
def catalogue(language: str) -> dict[str, dict[str, str]]:
    path = CATALOGUE_DIR / f"{language}.json"
    if not path.exists():
        return {section: {} for section in SECTIONS}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {section: data.get(section, {}) for section in SECTIONS}


@cache
def languages() -> tuple[str, ...]:
    """The languages with a catalogue, German first."""
    found = sorted(path.stem for path in CATALOGUE_DIR.glob("*.json"))
    return (DEFAULT_LANGUAGE, *(language for language in found if language != DEFAULT_LANGUAGE))


def add_language_source(source: LanguageSource) -> None:
    """Register a source asked before Accept-Language (e.g. the user's stored setting).

    It runs inside the request and returns a language code or None (no opinion).
    """
    if source not in _language_sources:
        _language_sources.append(source)


def _negotiate() -> str:
    for source in _language_sources:
        language = source()
        if language in languages():
            return language
    return request.accept_languages.best_match(languages(), default=DEFAULT_LANGUAGE)


def request_language() -> str:
    """The language to answer this request in (German outside a request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if "language" not in g:
        g.language = _negotiate()
    return g.language


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_value(value, language: str) -> str:
    if isinstance(value, datetime):
        local = value.astimezone(SCHOOL_TZ)
        return f"{format_value(local.date(), language)} {local:%H:%M}"
    if isinstance(value, date):
        if language == "en":
            return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
        return f"{value:%d.%m.%Y}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(format_value(item, language) for item in value)
    return str(value)


class _Parameters(dict):
    def __init__(self, params: dict, language: str):
        super().__init__(params)
        self.language = language

    def __getitem__(self, key):
        return format_value(super().__getitem__(key), self.language)

    def __missing__(self, key):
        return "{" + key + "}"  # a text that names a parameter nobody passed stays readable


def text(section: str, key: str, language: str | None = None, /, **params) -> str | None:
    """The entry in the language (German when it has none), parameters filled in; None when
    no catalogue knows the key."""
    language = language or request_language()
    for candidate in dict.fromkeys((language, DEFAULT_LANGUAGE)):
        template = catalogue(candidate)[section].get(key)
        if template is not None:
            return template.format_map(_Parameters(params, candidate))
    return None
