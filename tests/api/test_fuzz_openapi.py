"""Property-based fuzzing of every operation in the OpenAPI document (schemathesis, in-process).

Each operation is called with generated (valid and invalid) data as every role and as an
anonymous visitor: no server error, no response that contradicts the document.
"""

from __future__ import annotations

import os
import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi import checks as oa_checks

from app.auth.models import UserSession
from app.auth.sessions import _hash
from app.core.policy import ROLES
from app.extensions import db as _db
from tests.api import hostile

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))


CHECKS = [
    schemathesis.checks.not_a_server_error,
    oa_checks.status_code_conformance,
    oa_checks.content_type_conformance,
    oa_checks.response_schema_conformance,
    oa_checks.response_headers_conformance,
    oa_checks.negative_data_rejection,
    hostile.hostile_input_refused,
]


@pytest.fixture(scope="module")
def fuzz_world(app):
    """A world that lives for the whole module (the fuzzer adds data as it goes)."""
    from seeds.loader import load_reference
    from tests import support

    with app.app_context():
        support.empty_all_tables()
        # The reference catalogues as in production: derived statuses and defaults name
        # options and certificates that must exist (an all-refused pupil becomes NOKEAN).
        load_reference()
        world = support.build_world(_db)
        user_ids = {role: getattr(world.users, role).id for role in ROLES}
        _db.session.remove()
    yield user_ids
    with app.app_context():
        support.empty_all_tables()
        _db.session.remove()


def session_cookie(app, user_id: int | None) -> tuple[dict, dict]:
    """A fresh signed session cookie (and CSRF header) for the user, or for a visitor."""
    csrf = secrets.token_urlsafe(16)
    data = {"csrf": csrf}
    if user_id is not None:
        token = secrets.token_urlsafe(32)
        with app.app_context():
            _db.session.add(UserSession(token_hash=_hash(token), user_id=user_id, method="fuzz"))
            _db.session.commit()
            _db.session.remove()
        data.update({"_user_id": token, "_fresh": True})
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = {app.config["SESSION_COOKIE_NAME"]: serializer.dumps(data)}
    return cookie, {"X-CSRF-Token": csrf}


def _operation_labels() -> list[str]:
    from app import create_app

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok().label for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def fuzz_schema(app, fuzz_world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    hostile.register(schema)  # NUL, lone surrogates, deep nesting in every operation
    return schema


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", _operation_labels())
def test_does_the_api_keep_its_documented_promises(app, fuzz_schema, fuzz_world, label, mode):
    """Does any operation answer a server error or something the document does not describe?"""
    from app.extensions import limiter

    operation = fuzz_schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case):
        for role in ("anonymous", *ROLES):
            limiter.reset()
            cookies, headers = session_cookie(app, fuzz_world.get(role))
            response = case.call(cookies=cookies, headers=headers)
            case.validate_response(response, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:
        # An operation without parameters or body has no invalid input to generate.
        assert mode is GenerationMode.NEGATIVE
