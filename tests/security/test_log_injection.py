"""Log-injection safety: input with CR/LF never forges a log line (ASVS 16.4.1; item 22)."""

from __future__ import annotations

import logging

import pytest

FORGED = "eve\r\n2026-01-01 INFO anschluss.security password login ok for admin"
SEPARATORS = ("\r", "\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def _one_line_each(records) -> list[str]:
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    lines = [formatter.format(record) for record in records]
    for line in lines:
        assert not any(sep in line for sep in SEPARATORS), repr(line)
    return lines


def test_does_a_username_with_crlf_stay_on_one_log_line(db, api, caplog):
    """Is a failed login with CR/LF in the username logged as one line, the CR/LF escaped?"""
    with caplog.at_level(logging.INFO, logger="anschluss.security"):
        response = api.post("/api/v1/auth/login", json={"username": FORGED, "password": "x" * 12})
    assert response.status_code == 401
    records = [r for r in caplog.records if r.name == "anschluss.security"]
    assert records, "the failed login is logged"
    lines = _one_line_each(records)
    assert any("eve\\r\\n2026-01-01" in line for line in lines)
    assert not any(line.startswith("2026-01-01") for line in caplog.text.splitlines())
    assert all("password login ok" not in line.split("failed for", 1)[0] for line in lines)


@pytest.mark.parametrize("separator", SEPARATORS)
def test_does_every_line_separator_get_escaped(app, caplog, separator):
    """Are LF, CR, Unicode line/paragraph separators and NEL escaped in message and extras?"""
    logger = logging.getLogger("anschluss.security")
    with caplog.at_level(logging.INFO, logger="anschluss.security"):
        logger.warning(
            "refused: %s", f"a{separator}FORGED", extra={"reason": f"b{separator}FORGED"}
        )
    record = caplog.records[-1]
    _one_line_each([record])
    assert separator not in record.reason and "FORGED" in record.reason


def test_is_the_app_logger_also_protected(app, caplog):
    """Does the unhandled-error log line escape a request path with an encoded newline?"""
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        app.logger.error("unhandled error on %s %s", "GET", "/api/v1/x\nCRITICAL forged")
    _one_line_each([r for r in caplog.records if r.name == app.logger.name])
