"""The helper process: ``python -m kooperation.pdfimport.worker`` (started by ``sandbox``).

Reads (limits, PDF) frames on stdin, answers one JSON frame per PDF on stdout:
{"ok": true, "result": {...}} or {"ok": false, "code": ..., "mapping": {...}}.

The PDFs are read in a forked child that applies the limits. A fork costs 5-7 ms on a
small VM, as much as reading a one-page PDF, so one child reads the files one after the
other (a bulk import, uploads in a row) while each file still has its own limits:

- memory: ``RLIMIT_AS`` of the child; a child whose peak memory grew by more than
  ``GROWTH_MB`` is replaced, and a file that runs out of memory in a child that read
  files before is read once more in a fresh child;
- time: this loop's wall-clock deadline per file, and ``RLIMIT_CPU`` whose soft limit is
  set before each file from the CPU time used so far (``sandbox.file_cpu_limit``);
- streams: the inflate cap of ``apply_limits``.

A child that answers with an error, dies, hangs or reached ``FILES_PER_CHILD`` files is
replaced by a fresh one; other limits than the child's also start a fresh one.
"""

from kooperation.pdfimport import document  # noqa: F401 - imported once, before the forks
from kooperation.pdfimport.errors import ExtractionError
from kooperation.pdfimport.sandbox import apply_limits
from kooperation.pdfimport.sandbox import file_cpu_limit
from kooperation.pdfimport.sandbox import Limits
from kooperation.pdfimport.sandbox import read_frame
from kooperation.pdfimport.sandbox import write_frame

import contextlib
import json
import os
import resource
import select
import signal
import struct
import sys
import time


FILES_PER_CHILD = 100
GROWTH_MB = 64

# Child to helper: b"+" (one more page goes to OCR), then b"=" (answer, the child reads on)
# or b"." (answer, the child exits), a 4-byte big-endian length and the JSON answer.
MORE, NEXT, LAST = b"+", b"=", b"."


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def answer_for(data, limits, out, ceiling):
    """In the child: the extraction of one PDF as an answer (dict)."""

    def more_time(_number):
        _write_all(out, MORE)  # one more page to OCR: the helper extends the deadline
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        extra = int(limits.ocr_seconds_per_page)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (min(soft + extra, ceiling, hard), hard))

    try:
        return {
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
        return {"ok": False, "code": error.code, "mapping": error.mapping}
    except MemoryError:
        return {"ok": False, "code": "memory", "mapping": {"limit": limits.memory_mb}}
    except BaseException:  # noqa: B036 - anything else is a PDF that cannot be read
        return {"ok": False, "code": "corrupt", "mapping": {}}


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_loop(limits, requests, out):
    """In the forked child: read PDF frames from ``requests``, answer on the fd ``out``."""
    apply_limits(limits, files=FILES_PER_CHILD)
    start = _peak_mb()
    served = 0
    while True:
        try:
            data = read_frame(requests)
        except EOFError:
            return
        ceiling = file_cpu_limit(limits)
        if ceiling is None:  # not planned for (see below); the helper reads it again
            return
        answer = answer_for(data, limits, out, ceiling)
        served += 1
        try:
            payload = json.dumps(answer).encode()
        except (TypeError, ValueError, MemoryError):
            answer = {"ok": False, "code": "failed", "mapping": {}}
            payload = json.dumps(answer).encode()
        more = (
            answer["ok"]
            and served < FILES_PER_CHILD
            and _peak_mb() - start <= GROWTH_MB
            and file_cpu_limit(limits, check=True)
        )
        _write_all(out, (NEXT if more else LAST) + struct.pack(">I", len(payload)) + payload)
        if not more:
            return


class Child:
    """A forked child that reads PDFs with one set of ``limits``."""

    def __init__(self, limits):
        self.limits = limits
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(requests_write)
            os.close(answers_read)
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)  # nothing may write into the frames on stdout
            code = 0
            try:
                child_loop(limits, os.fdopen(requests_read, "rb"), answers_write)
            except BaseException:  # noqa: B036
                code = 1
            os._exit(code)
        os.close(requests_read)
        os.close(answers_write)
        self.pid = pid
        self.requests = os.fdopen(requests_write, "wb")
        self.answers = answers_read

    def serve(self, data):
        """(answer, child still usable); answer None when the child was gone already."""
        limits = self.limits
        try:
            write_frame(self.requests, data)
        except OSError:
            return None, False
        buffer = b""
        deadline = time.monotonic() + limits.seconds
        payload = None
        timed_out = False
        while payload is None:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _w, _x = select.select([self.answers], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            while buffer[:1] == MORE:  # a page goes to OCR, which earns it more time
                buffer = buffer[1:]
                deadline += limits.ocr_seconds_per_page
            if len(buffer) >= 5:
                (size,) = struct.unpack(">I", buffer[1:5])
                if len(buffer) >= 5 + size:
                    payload = buffer[5 : 5 + size]
        if payload is not None:
            try:
                return json.loads(payload), buffer[:1] == NEXT
            except ValueError:
                return {"ok": False, "code": "failed", "mapping": {}}, False
        if timed_out:
            os.kill(self.pid, signal.SIGKILL)
        status = self.reap()
        limit = int(limits.seconds) if float(limits.seconds).is_integer() else limits.seconds
        if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
            return {"ok": False, "code": "timeout", "mapping": {"limit": limit}}, False
        # Killed without a word: the kernel ends a child that runs out of memory.
        return {"ok": False, "code": "memory", "mapping": {"limit": limits.memory_mb}}, False

    def reap(self):
        """End the child (if it still runs) and collect it; its wait status."""
        if self.pid is None:
            return 0
        with contextlib.suppress(OSError):
            self.requests.close()
        with contextlib.suppress(OSError):
            os.close(self.answers)
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            _pid, status = os.waitpid(self.pid, 0)
        self.pid = None
        return status


_child = None


def serve_one(data, limits):
    """The answer for one PDF, read in the current child or a fresh one."""
    global _child
    started = time.monotonic()
    for _attempt in range(2):
        if _child is not None and _child.limits != limits:
            _child.reap()
            _child = None
        fresh = _child is None
        if fresh:
            _child = Child(limits)
        answer, usable = _child.serve(data)
        if not usable:
            _child.reap()
            _child = None
        if fresh:
            return answer or {"ok": False, "code": "failed", "mapping": {}}
        # A child that read files before: it had gone, or its heap may be why the memory
        # ran out. Once more in a fresh child, which has the file's whole limit (if the
        # server, which waits ``seconds`` + 30 s, can wait for it).
        if answer is not None and (
            answer.get("code") != "memory" or time.monotonic() - started > 25
        ):
            return answer
    return answer  # pragma: no cover - the second attempt always runs in a fresh child


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        while True:
            try:
                limits = Limits(**json.loads(read_frame(stdin)))
                data = read_frame(stdin)
            except EOFError:
                return 0
            write_frame(stdout, json.dumps(serve_one(data, limits)).encode())
    finally:
        if _child is not None:
            _child.reap()


if __name__ == "__main__":
    sys.exit(main())
