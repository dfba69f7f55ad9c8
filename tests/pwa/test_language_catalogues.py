"""Does every pupil and guardian language have every key, or say explicitly that it falls back?

frontend/i18n/meta.json names, for each language beyond German and English, who translated its
catalogues, their review state and per namespace 'complete' or 'fallback-de' (`otherwise`: the
explicit state of every namespace not named).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_i18n_catalogues import PLACEHOLDER, flatten

I18N = Path(__file__).resolve().parents[2] / "frontend" / "i18n"
META = json.loads((I18N / "meta.json").read_text(encoding="utf-8"))["languages"]
GERMAN = {
    path.stem: flatten(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted((I18N / "de").glob("*.json"))
}
EXTRA = sorted(language for language in META if language not in ("de", "en"))


def _catalogue(language: str, namespace: str) -> dict[str, object] | None:
    path = I18N / language / f"{namespace}.json"
    return flatten(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None


def test_does_meta_describe_every_language_the_app_offers():
    """Every language of i18n.js has a translator and a review state, and a folder."""
    source = (I18N.parent / "js" / "i18n.js").read_text(encoding="utf-8")
    offered = re.search(r"export const LANGUAGES = \[([^\]]*)\]", source).group(1)
    languages = set(re.findall(r"'([^']+)'", offered))
    assert languages == set(META)
    for language, entry in META.items():
        assert entry["translator"] and entry["review"], language
        assert (I18N / language).is_dir(), language


@pytest.mark.parametrize("language", EXTRA)
def test_has_every_catalogue_every_key_or_an_explicit_fallback(language):
    """'complete' namespaces have every German key with its placeholders; a 'fallback-de'
    namespace may be partial but has no key German lacks; every namespace is named."""
    named = META[language]["catalogues"]
    assert set(named) <= set(GERMAN), f"{language}: meta.json names an unknown namespace"
    states = {namespace: named.get(namespace, META[language]["otherwise"]) for namespace in GERMAN}
    for namespace, state in states.items():
        assert state in ("complete", "fallback-de"), (language, namespace, state)
        found = _catalogue(language, namespace)
        german = GERMAN[namespace]
        if state == "complete":
            assert found is not None, f"{language}/{namespace}.json is declared complete"
            assert sorted(set(german) - set(found)) == [], (language, namespace)
        found = found or {}
        assert sorted(set(found) - set(german)) == [], (language, namespace)
        for key, text in found.items():
            wanted = set(PLACEHOLDER.findall(str(german[key])))
            assert set(PLACEHOLDER.findall(str(text))) == wanted, (language, namespace, key)


def test_are_arabic_catalogues_marked_right_to_left():
    assert META["ar"]["dir"] == "rtl"
    assert all(entry["dir"] == "ltr" for code, entry in META.items() if code != "ar")
