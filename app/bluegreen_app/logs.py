"""Structured logs: one JSON object per line on stdout, for the app and for gunicorn alike."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import Any, Optional, TextIO

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_RESERVED = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Formats a record as a single-line JSON object: time, level, logger, message, then extra fields.

    Exceptions become an `exception` string field, so a traceback never spans several lines of the log.
    """

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_"):
                document[key] = value
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            document["stack"] = self.formatStack(record.stack_info)
        return json.dumps(document, default=str, ensure_ascii=False)


def logging_config(level: str = "INFO", stream: str = "ext://sys.stdout") -> dict:
    """A `logging.config.dictConfig` document that sends every logger (gunicorn's too) to `stream` as JSON."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": stream}},
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # gunicorn attaches its own handlers to this one; route it through ours instead.
            "gunicorn.error": {"handlers": ["stdout"], "level": level, "propagate": False},
            # The app logs each request itself with structured fields; gunicorn's access line would repeat it.
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


def configure(level: str = "INFO", stream: Optional[TextIO] = None) -> None:
    """Sends the root logger to `stream` (stdout by default) as JSON lines. For entry points only."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
