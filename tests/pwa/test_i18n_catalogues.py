"""The PWA's message catalogues (frontend/i18n/de|en/*.json) against each other and against the
JavaScript that uses them: a missing key shows people the raw key (`chain.status.neu`) instead
of a text, a key missing in English shows German in the English UI.

How keys are found in the JS: see jsscan.py; keys built at run time: dynamic_keys.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .dynamic_keys import DYNAMIC_KEYS, OPTIONAL
from .jsscan import module_keys

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
I18N = FRONTEND / "i18n"
LANGUAGES = ("de", "en")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# String literals shaped like keys that are no keys (with where they are used).
NOT_KEYS = {"anschluss.me": "device-data.js: localStorage key of the account snapshot"}


def flatten(node: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in node.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{key}."))
        else:
            flat[key] = value
    return flat


def catalogue(lang: str) -> dict[str, dict[str, object]]:
    """namespace → flat key → text."""
    return {
        path.stem: flatten(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted((I18N / lang).glob("*.json"))
    }


CATALOGUES = {lang: catalogue(lang) for lang in LANGUAGES}


def text(lang: str, key: str):
    """The text i18n.js finds for key: in its namespace, else in the shell's 'app' namespace."""
    namespaces = CATALOGUES[lang]
    namespace, _, rest = key.partition(".")
    if namespace in namespaces and rest in namespaces[namespace]:
        return namespaces[namespace][rest]
    return namespaces["app"].get(key)


def first_segments() -> set[str]:
    app = json.loads((I18N / "de" / "app.json").read_text(encoding="utf-8"))
    return set(CATALOGUES["de"]) | set(app)


def uses():
    found, problems = [], []
    for path in sorted((FRONTEND / "js").rglob("*.js")):
        keys = module_keys(path, path.relative_to(FRONTEND).as_posix(), first_segments())
        found += keys.uses
        problems += keys.problems
    return found, problems


USES, SCAN_PROBLEMS = uses()


def test_do_german_and_english_have_the_same_catalogues_and_keys():
    """Does every namespace and key exist in both languages (nothing falls back to German)?"""
    assert set(CATALOGUES["de"]) == set(CATALOGUES["en"])
    differences = {
        namespace: {
            "only_de": sorted(set(CATALOGUES["de"][namespace]) - set(CATALOGUES["en"][namespace])),
            "only_en": sorted(set(CATALOGUES["en"][namespace]) - set(CATALOGUES["de"][namespace])),
        }
        for namespace in CATALOGUES["de"]
    }
    assert {ns: d for ns, d in differences.items() if d["only_de"] or d["only_en"]} == {}


def test_is_every_entry_a_text_with_the_same_placeholders_in_both_languages():
    """Is every entry a text, and do de and en fill in the same {placeholders}?"""
    wrong = []
    for namespace, entries in CATALOGUES["de"].items():
        for key, german in entries.items():
            english = CATALOGUES["en"][namespace].get(key)
            if not isinstance(german, str) or not isinstance(english, str):
                wrong.append(f"{namespace}.{key}: not a text")
            elif set(PLACEHOLDER.findall(german)) != set(PLACEHOLDER.findall(english)):
                wrong.append(f"{namespace}.{key}: {{…}} differ")
    assert wrong == []


def test_can_the_scanner_read_every_short_hand():
    """Does every screen's short-hand t() stand for one prefix only (so its keys are known)?"""
    assert SCAN_PROBLEMS == []


def test_does_every_key_the_javascript_uses_exist_in_both_languages():
    """Does every literal key of the JS (t('…'), short-hands, keys handed to helpers) exist?"""
    missing = sorted(
        {
            f"{use.key} ({use.file}:{use.line}, {lang})"
            for use in USES
            if not use.dynamic and use.key not in NOT_KEYS
            for lang in LANGUAGES
            if not isinstance(text(lang, use.key), str)
        }
    )
    assert missing == []


def test_is_every_run_time_key_documented():
    """Is every key the JS builds at run time (a template literal) in dynamic_keys.py, and is
    every documented pattern still used?"""
    used = {use.key for use in USES if use.dynamic}
    undocumented = sorted(
        f"{use.key} ({use.file}:{use.line})"
        for use in USES
        if use.dynamic and use.key not in DYNAMIC_KEYS
    )
    assert undocumented == []
    assert sorted(set(DYNAMIC_KEYS) - used) == []


@pytest.mark.parametrize("pattern", sorted(DYNAMIC_KEYS))
def test_has_every_value_of_a_run_time_key_a_text(app, pattern):
    """For each run-time key: does every value it can take (status, role, audit action, …)
    have a text in German and English?"""
    from app.extensions import db

    values = DYNAMIC_KEYS[pattern](db.metadata)
    assert values, f"{pattern}: no values found"
    missing = sorted(
        f"{pattern.replace('*', value)} ({lang})"
        for value in values
        for lang in LANGUAGES
        if not isinstance(text(lang, pattern.replace("*", value)), str)
    )
    assert missing == []


def test_do_optional_run_time_keys_exist_in_both_languages_or_neither():
    """Problem texts are optional (errorText falls back to the server's detail): is each one
    there in both languages?"""
    for pattern in OPTIONAL:
        regex = re.compile("^" + re.escape(pattern).replace(r"\*", "[^.]+") + "$")
        keys = {
            lang: {
                f"{ns}.{key}"
                for ns, entries in CATALOGUES[lang].items()
                for key in entries
                if regex.match(f"{ns}.{key}")
            }
            for lang in LANGUAGES
        }
        assert keys["de"] == keys["en"], pattern
