"""Structured logs: JSON lines from the formatter, and the instance's error log."""

from kooperation.ops.logs import json_file_handler
from kooperation.ops.logs import JsonFormatter
from servers import REPO

import json
import logging
import shutil
import subprocess
import sys


def record(level=logging.ERROR, exc_info=None):
    msg, args = "Daily job, %s: %s failed", ("expire", "/net/a")
    return logging.LogRecord("kooperation.jobs", level, __file__, 1, msg, args, exc_info)


def test_a_line_is_one_json_object():
    line = JsonFormatter().format(record())
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "ERROR"
    assert data["logger"] == "kooperation.jobs"
    assert data["message"] == "Daily job, expire: /net/a failed"
    assert data["time"].endswith("+00:00")


def test_exceptions_and_extra_data_become_fields():
    try:
        raise ValueError("Frist kaputt")
    except ValueError:
        rec = record(exc_info=sys.exc_info())
    rec.data = {"event": "daily_job_finished", "exit_status": 1, "message": "not overwritten"}
    data = json.loads(JsonFormatter().format(rec))
    assert data["event"] == "daily_job_finished"
    assert data["exit_status"] == 1
    assert data["message"] == "Daily job, expire: /net/a failed"
    assert data["exception"]["type"] == "ValueError"
    assert data["exception"]["message"] == "Frist kaputt"
    assert "Traceback" in data["exception"]["traceback"]


def test_the_file_handler_appends_lines(tmp_path):
    handler = json_file_handler(tmp_path / "log" / "daily.jsonl")
    handler.emit(record(logging.INFO))
    handler.emit(record(logging.ERROR))
    handler.close()
    lines = (tmp_path / "log" / "daily.jsonl").read_text().splitlines()
    assert [json.loads(line)["level"] for line in lines] == ["INFO", "ERROR"]


def test_the_instance_writes_errors_as_json_lines(tmp_path):
    """instance/etc/zope.ini, loaded as the WSGI server loads it."""
    etc = tmp_path / "etc"
    etc.mkdir()
    (tmp_path / "var" / "log").mkdir(parents=True)
    shutil.copy(REPO / "instance" / "etc" / "zope.ini", etc / "zope.ini")
    script = (
        "import logging, logging.config, sys\n"
        f"logging.config.fileConfig({str(etc / 'zope.ini')!r}, defaults={{'here': {str(etc)!r}}})\n"
        "logging.getLogger('Zope.SiteErrorLog').info('not an error')\n"
        "try:\n    1/0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('Zope.SiteErrorLog').exception('http://x/Plone/@@boom')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
    lines = (tmp_path / "var" / "log" / "instance-errors.jsonl").read_text().splitlines()
    (line,) = lines  # only the error
    data = json.loads(line)
    assert data["logger"] == "Zope.SiteErrorLog"
    assert data["exception"]["type"] == "ZeroDivisionError"
