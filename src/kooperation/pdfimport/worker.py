"""The helper process: ``python -m kooperation.pdfimport.worker`` (started by ``sandbox``).

Reads (limits, PDF) frames on stdin, forks a child per PDF, answers one JSON frame per PDF
on stdout: {"ok": true, "result": {...}} or {"ok": false, "code": ..., "mapping": {...}}.
The child applies the limits; this loop kills it when the time is up.
"""

from kooperation.pdfimport import document  # noqa: F401 - imported once, before the forks
from kooperation.pdfimport.errors import ExtractionError
from kooperation.pdfimport.sandbox import apply_limits
from kooperation.pdfimport.sandbox import Limits
from kooperation.pdfimport.sandbox import read_frame
from kooperation.pdfimport.sandbox import write_frame

import contextlib
import json
import os
import resource
import select
import signal
import sys
import time


def child(data, limits, out):
    """In the forked child: extract and write the answer to the pipe ``out``."""
    try:
        apply_limits(limits)

        def more_time(_number):
            os.write(out, b"+")  # one more page to OCR: the helper extends the deadline
            soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
            extra = int(limits.ocr_seconds_per_page)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_CPU, (min(soft + extra, hard), hard))

        answer = {
            "ok": True,
            "result": document.extract_bytes(
                data,
                max_pages=limits.pages,
                ocr=limits.ocr,
                ocr_languages=limits.ocr_languages,
                on_ocr_page=more_time,
            ),
        }
    except ExtractionError as error:
        answer = {"ok": False, "code": error.code, "mapping": error.mapping}
    except MemoryError:
        answer = {"ok": False, "code": "memory", "mapping": {"limit": limits.memory_mb}}
    except BaseException:  # noqa: B036 - anything else is a PDF that cannot be read
        answer = {"ok": False, "code": "corrupt", "mapping": {}}
    try:
        payload = json.dumps(answer).encode()
    except (TypeError, ValueError, MemoryError):
        payload = b'{"ok": false, "code": "failed", "mapping": {}}'
    with os.fdopen(out, "wb") as stream:
        stream.write(payload)


def serve_one(data, limits):
    """Fork, wait for the answer within the time limit, reap the child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)  # nothing may write into the frames on stdout
        code = 0
        try:
            child(data, limits, write_end)
        except BaseException:  # noqa: B036
            code = 1
        os._exit(code)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + limits.seconds
    timed_out = False
    extended = 0
    started = False
    with os.fdopen(read_end, "rb", buffering=0) as stream:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _w, _x = select.select([stream], [], [], left)
            if not ready:
                continue
            chunk = stream.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            if not started:
                # "+" before the answer: a page goes to OCR, which earns it more time
                head = b"".join(chunks)
                pluses = len(head) - len(head.lstrip(b"+"))
                deadline += (pluses - extended) * limits.ocr_seconds_per_page
                extended = pluses
                started = pluses < len(head)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    limit = int(limits.seconds) if float(limits.seconds).is_integer() else limits.seconds
    if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
        return {"ok": False, "code": "timeout", "mapping": {"limit": limit}}
    try:
        return json.loads(b"".join(chunks).lstrip(b"+"))
    except ValueError:
        # Killed without a word: the kernel ends a child that runs out of memory.
        return {"ok": False, "code": "memory", "mapping": {"limit": limits.memory_mb}}


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            limits = Limits(**json.loads(read_frame(stdin)))
            data = read_frame(stdin)
        except EOFError:
            return 0
        write_frame(stdout, json.dumps(serve_one(data, limits)).encode())


if __name__ == "__main__":
    sys.exit(main())
