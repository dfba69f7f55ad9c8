"""Guards every API request passes before anything reads its input (issue 9, L3, L5, L6).

- Size: a body larger than MAX_REQUEST_BYTES is refused with 413 before it is read; a route
  that accepts larger uploads declares its own limit with `@body_limit(bytes)`.
- Shape: JSON nested deeper than MAX_JSON_DEPTH, or too deep for the parser, is refused with
  400 — nothing downstream (rate-limit keys, schemas, logging) ever recurses through it.
- Characters: a NUL byte (PostgreSQL text cannot hold it) or a lone surrogate (not encodable
  as UTF-8, so no database can store it) in any string of the body, query, form or path is
  refused with 422 naming the field, instead of failing as a 500 deep inside a query.
- Cross-site reads: a GET that another site started (`Sec-Fetch-Site: cross-site` or
  `same-site`, e.g. a link or a top-level navigation to an export) is refused, so no page
  elsewhere can make the browser download personal data with the user's cookie. Requests
  without the header (non-browser clients) and the public routes are unaffected.

These run before the rate limiter, the CSRF check and the access policy (create_app).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from flask import Flask, current_app, request

from app.core.errors import DomainError, Forbidden, Invalid
from app.core.policy import rule_for_endpoint

MAX_JSON_DEPTH = 32
_CROSS_SITE = {"cross-site", "same-site"}


class BadRequest(DomainError):
    status = 400
    generic_code = "bad-request"


class ContentTooLarge(DomainError):
    status = 413
    generic_code = "payload-too-large"


def body_limit(max_bytes: int) -> Callable:
    """Give a route its own request-size limit (e.g. file uploads)."""

    def decorate(view):
        view._max_body_bytes = max_bytes
        return view

    return decorate


def _route_limit() -> int:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "_max_body_bytes", None) or current_app.config["MAX_REQUEST_BYTES"]


def limit_body_size() -> None:
    limit = _route_limit()
    # Werkzeug enforces it while reading, also for bodies without Content-Length (chunked).
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        raise ContentTooLarge("request-too-large", kilobytes=limit // 1024)


def _walk(value, path: str) -> Iterator[tuple[str, str, int]]:
    """Every string (keys included) in a parsed JSON document with its field path and depth,
    without recursion (a hostile document must not exhaust the stack here either)."""
    stack = [(value, path, 1)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, str):
            yield where, item, depth
        elif isinstance(item, dict):
            for key, inner in item.items():
                inner_path = f"{where}.{key}" if where else str(key)
                yield inner_path, str(key), depth
                stack.append((inner, inner_path, depth + 1))
        elif isinstance(item, list):
            if not item:
                yield where, "", depth
            stack.extend(
                (inner, f"{where}.{i}" if where else str(i), depth + 1)
                for i, inner in enumerate(item)
            )
        else:
            yield where, "", depth


def bad_character(text: str) -> str | None:
    """The field-message code of why `text` cannot be stored, or None."""
    if "\x00" in text:
        return "nul-character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "lone-surrogate"
    return None


def _parsed_json():
    try:
        return request.get_json(silent=True)
    except RecursionError as exc:
        raise BadRequest("json-too-deep", depth=MAX_JSON_DEPTH) from exc


def _json_strings() -> Iterator[tuple[str, str]]:
    if not request.is_json or not request.content_length:
        return
    for path, text, depth in _walk(_parsed_json(), ""):
        if depth > MAX_JSON_DEPTH:
            raise BadRequest("json-too-deep", field=path or "_body", depth=MAX_JSON_DEPTH)
        yield path or "_body", text


def _other_strings() -> Iterator[tuple[str, str]]:
    for key, value in (request.view_args or {}).items():
        if isinstance(value, str):
            yield key, value
    for source in (request.args, request.form):
        for key, values in source.lists():
            yield key, key
            for value in values:
                yield key, value


def refuse_unstorable_input() -> None:
    problems: dict[str, list[str]] = {}
    strings = _json_strings() if request.is_json else iter(())
    for field, text in (*strings, *_other_strings()):
        reason = bad_character(text)
        if reason:
            problems.setdefault(field, []).append(reason)
    if problems:
        raise Invalid("unstorable-characters", errors=problems)


def refuse_cross_site_reads() -> None:
    if request.method not in ("GET", "HEAD"):
        return  # unsafe methods: the CSRF check (core/security) refuses them
    if request.headers.get("Sec-Fetch-Site") not in _CROSS_SITE:
        return
    rule = rule_for_endpoint(current_app, request.endpoint)
    if rule is None or rule.public:
        return  # public information, or no route (the access policy answers)
    raise Forbidden("cross-site-read")


def guard_api_request() -> None:
    if not request.path.startswith("/api/"):
        return
    limit_body_size()
    refuse_cross_site_reads()
    refuse_unstorable_input()


def init_request_guards(app: Flask) -> None:
    """Register before the rate limiter, whose key functions read the body."""
    app.before_request(guard_api_request)
