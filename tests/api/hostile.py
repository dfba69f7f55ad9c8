"""Hostile input the fuzzer mixes into every operation (issue 9, L3).

Hypothesis generates NUL bytes and lone surrogates only rarely, and never a document nested
a thousand levels deep; these variants put them into each operation on purpose. Every such
request is marked with a header, and `hostile_input_refused` asserts the API refused it with
a 400/413/422 problem instead of storing it or failing with a 500.
"""

from __future__ import annotations

import copy
import json

import schemathesis
from hypothesis import strategies as st

MARKER = "X-Fuzz-Hostile"
LONE_SURROGATE = "\ud800"
NUL = "\x00"
DEEP = 1000


def _nested(depth: int) -> bytes:
    """Raw JSON text: a Python structure this deep cannot even be copied or serialised."""
    return b'{"x": ' + b"[" * depth + b"]" * depth + b"}"


def _string_paths(value, path=()):
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _string_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _string_paths(inner, (*path, index))


def _replaced(document, path, text) -> bytes:
    """The body with `text` appended to one string, as raw JSON (the fuzzer's own schema
    validation cannot take a lone surrogate; the escaped text carries it to the server)."""
    if not path:
        return json.dumps(document + text, ensure_ascii=True).encode()
    document = copy.deepcopy(document)
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = target[path[-1]] + text
    return json.dumps(document, ensure_ascii=True).encode()


def _marked(_case, kind: str, **changes) -> tuple[str, dict]:
    """A variant: its kind and the attributes of the case to change (cases cannot be copied)."""
    return kind, changes


def _variants(case) -> list[dict]:
    variants = []
    json_body = case.media_type and "json" in case.media_type
    body_paths = list(_string_paths(case.body)) if json_body else []
    for path in body_paths[:3]:
        for kind, text in (("surrogate", LONE_SURROGATE), ("nul", NUL)):
            variants.append(_marked(case, kind, body=_replaced(case.body, path, text)))
    if json_body:
        variants.append(_marked(case, "deep", body=_nested(DEEP)))
    for key in list(case.query or {})[:3]:
        query = {**case.query, key: f"{case.query[key]}{NUL}"}
        variants.append(_marked(case, "nul", query=query))
    return variants


def register(schema) -> None:
    """Every generated case is sent as drawn, or as one of its hostile variants."""

    @schema.hook
    def flatmap_case(_context, case):
        variants = _variants(case)
        if not variants:
            return st.just(case)
        original = {name: copy.deepcopy(getattr(case, name)) for name in ("body", "query")}

        def apply(index: int):
            # Index 0 leaves the drawn case as it is (restored if a variant changed it before),
            # so drawing again never stacks changes.
            if case.headers and MARKER in case.headers:
                del case.headers[MARKER]
                for name, value in original.items():
                    setattr(case, name, copy.deepcopy(value))
            if index:
                kind, changes = variants[index - 1]
                for name, value in changes.items():
                    setattr(case, name, value)
                if case.headers is None:
                    case.headers = {}
                case.headers[MARKER] = kind
            return case

        return st.integers(0, len(variants)).map(apply)


@schemathesis.check
def hostile_input_refused(_ctx, response, case) -> bool | None:
    """A request carrying hostile input must be refused as bad input, never accepted."""
    kind = (case.headers or {}).get(MARKER)
    if kind is None:
        return None
    assert response.status_code in (400, 413, 422), (
        f"{kind} input answered {response.status_code}, expected a 400/422 problem"
    )
    (content_type,) = response.headers.get("content-type", [""])  # lowercase keys, list values
    assert content_type.startswith("application/problem+json"), content_type
    return True
