"""Log-injection safety (ASVS 16.4.1; docs/security.md item 22).

Input such as a claimed username or an e-mail address may end up in a log line. A filter on
the app's loggers escapes line breaks and other control characters in the final message and
in string `extra` fields, so no input can start a forged log line.
"""

from __future__ import annotations

import logging

from flask import Flask

SAFE_LOGGERS = ("anschluss", "anschluss.security", "anschluss.mail", "anschluss.audit")
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def single_line(text: str) -> str:
    """Control characters (CR, LF, U+2028 …) as visible escapes, e.g. "\\n"."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


class SingleLineFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = single_line(message), ()
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, single_line(value))
        return True


def init_log_safety(app: Flask) -> None:
    """Filters sit on each logger (logger filters are not inherited by child loggers)."""
    for logger in (*(logging.getLogger(name) for name in SAFE_LOGGERS), app.logger):
        if not any(isinstance(f, SingleLineFilter) for f in logger.filters):
            logger.addFilter(SingleLineFilter())
