"""One transaction per request: commit once on success, roll back on any error."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.exc import IntegrityError, OperationalError

from app.core import audit
from app.core.problems import problem_response
from app.extensions import db


def init_transactions(app: Flask) -> None:
    @app.after_request
    def _commit_or_rollback(response):
        if response.status_code >= 400:
            db.session.rollback()
            _write_denials()
            return response
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            app.logger.info("integrity conflict at commit", exc_info=True)
            return problem_response(409, "conflict-with-existing-data")
        except OperationalError:
            db.session.rollback()
            app.logger.warning("database busy at commit", exc_info=True)
            return problem_response(503, "database-busy", headers={"Retry-After": "1"})
        return response

    def _write_denials() -> None:
        """Security events of a refused request survive its rollback; a failure to write
        them is logged but does not change the answer."""
        try:
            audit.write_denials()
        except OperationalError:
            db.session.rollback()
            app.logger.warning("could not log a refused request", exc_info=True)

    @app.teardown_request
    def _rollback_leftovers(_exc):
        if db.session.is_active:
            db.session.rollback()
