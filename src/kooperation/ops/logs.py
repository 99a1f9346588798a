"""Structured logs: one JSON object per line, for log shippers and for people who grep.

``JsonFormatter`` is the formatter of the instance's error log
(``var/log/instance-errors.jsonl``, see instance/etc/zope.ini) and of the daily job's
log (``var/log/daily.jsonl``, written by ``kooperation-admin daily``). A record's
``data`` (``logger.info(..., extra={"data": {...}})``) becomes fields of its line.
"""

from datetime import datetime
from datetime import UTC

import json
import logging
import traceback


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data = getattr(record, "data", None)
        if isinstance(data, dict):
            line.update({k: v for k, v in data.items() if k not in line})
        if record.exc_info:
            exc_type, exc, _tb = record.exc_info
            line["exception"] = {
                "type": getattr(exc_type, "__name__", str(exc_type)),
                "message": str(exc),
                "traceback": "".join(traceback.format_exception(*record.exc_info)),
            }
        return json.dumps(line, ensure_ascii=False, default=str)


def json_file_handler(path, level=logging.INFO):
    """A handler appending JSON lines to ``path`` (its folder is created)."""
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(level)
    handler.setFormatter(JsonFormatter())
    return handler
