"""Extraction in a child process with limits on memory, time, pages, file and stream size.

A hostile PDF (decompression bomb, endless parse, huge page count) must end in a clear
error, never in a hung or crashed server worker. The server starts a helper process
(``python -m kooperation.pdfimport.worker``, single-threaded, pdfminer.six imported once)
and sends it the files; the helper forks a child, which sets its limits
(``resource.RLIMIT_AS``, ``RLIMIT_CPU``, a cap on inflated streams) and extracts. The
child reads the next files too (limits per file, see ``worker``), until it fails, grows
or reaches its count; then a fresh child is forked.
(multiprocessing's forkserver would re-import the server's ``__main__`` in every child.)
"""

from dataclasses import asdict
from dataclasses import dataclass
from kooperation.pdfimport.errors import ExtractionError

import json
import os
import resource
import struct
import subprocess
import sys
import threading
import zlib


MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits of one extraction. ``from_env`` reads ``KOOPERATION_PDF_<NAME>`` overrides."""

    memory_mb: int = 1024
    seconds: float = 60.0
    pages: int = 300
    file_mb: float = 25.0
    stream_mb: int = 64
    ocr: bool = True
    ocr_languages: str = "deu"
    # Scans take longer: each page that needs OCR adds this much to ``seconds``.
    ocr_seconds_per_page: float = 30.0

    @classmethod
    def from_env(cls, environ=None, **overrides):
        environ = os.environ if environ is None else environ
        values = {}
        for name, default in asdict(cls()).items():
            raw = environ.get(f"KOOPERATION_PDF_{name.upper()}")
            if raw is None:
                continue
            if isinstance(default, bool):
                values[name] = raw.strip().lower() not in ("0", "false", "no", "off", "")
            elif isinstance(default, (int, float)):
                try:
                    values[name] = type(default)(raw)
                except ValueError:
                    continue
            else:
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


class _CappedZlib:
    """Stands in for ``zlib`` inside pdfminer.pdftypes: no stream inflates beyond the cap."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, cap):
        self.cap = cap

    def decompressobj(self, *args, **kwargs):
        return zlib.decompressobj(*args, **kwargs)

    def decompress(self, data, *args, **kwargs):
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.cap + 1)
        if len(out) > self.cap or inflater.unconsumed_tail:
            raise ExtractionError("stream_too_large", limit=self.cap // MB)
        return out + inflater.flush()


def _capped_corrupted(cap):
    def decompress_corrupted(data):
        """pdfminer's fallback for a bad checksum, linear and capped."""
        inflater = zlib.decompressobj()
        out = []
        size = 0
        for index in range(0, len(data), 4096):
            try:
                chunk = inflater.decompress(data[index : index + 4096], cap + 1 - size)
            except zlib.error:
                break
            size += len(chunk)
            out.append(chunk)
            if size > cap or inflater.unconsumed_tail:
                raise ExtractionError("stream_too_large", limit=cap // MB)
        return b"".join(out)

    return decompress_corrupted


def cpu_budget(limits):
    """CPU seconds of one file: (soft, hard). The hard limit leaves room for OCR pages: the
    soft one is raised per page (allowed without privileges up to the hard limit)."""
    seconds = int(limits.seconds) + 2
    return seconds, seconds + 1 + int(
        limits.ocr_seconds_per_page * limits.pages if limits.ocr else 0
    )


def apply_limits(limits, files=1):
    """Called in the child before it reads the PDF. A child that reads up to ``files`` PDFs
    gets a hard CPU limit for all of them; ``file_cpu_limit`` sets the soft one per file."""
    memory = int(limits.memory_mb * MB)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    soft, hard = cpu_budget(limits)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard * files))
    from pdfminer import pdftypes

    cap = int(limits.stream_mb * MB)
    pdftypes.zlib = _CappedZlib(cap)
    pdftypes.decompress_corrupted = _capped_corrupted(cap)


def cpu_used():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def file_cpu_limit(limits, check=False):
    """Before each file in a child that reads several: this file's soft CPU limit counts
    from the CPU time used so far. Returns the ceiling OCR pages may raise it to, or None
    when the child's hard limit has no room left for a whole file (start a new child).
    ``check``: only whether there is room."""
    soft, hard = cpu_budget(limits)
    used = int(cpu_used()) + 1
    _soft, process_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if process_hard != resource.RLIM_INFINITY and used + hard > process_hard:
        return False if check else None
    if check:
        return True
    resource.setrlimit(resource.RLIMIT_CPU, (used + soft, process_hard))
    return used + hard


def _number(value):
    return int(value) if float(value).is_integer() else value


def check_header(data):
    """Refuse what is not a PDF before pdfminer sees it (here, not in ``reader``: the
    server checks the header without importing pdfminer, which only the helper loads)."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise ExtractionError("not_pdf")
    tail = data[-2048:]
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise ExtractionError("truncated")


def precheck(data, limits):
    """The checks that need no child: size and the PDF header."""
    if len(data) > limits.file_mb * MB:
        raise ExtractionError("too_large", limit=_number(limits.file_mb))
    check_header(data)


# Framing between the server and its helper: 4-byte big-endian length, then the payload.


def write_frame(stream, payload):
    stream.write(struct.pack(">I", len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream):
    head = stream.read(4)
    if len(head) < 4:
        raise EOFError
    (size,) = struct.unpack(">I", head)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError
    return payload


class Helper:
    """One helper process; serves one file at a time."""

    def __init__(self):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kooperation.pdfimport.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )

    def alive(self):
        return self.process.poll() is None

    def run(self, data, limits):
        """The helper's answer, or None when the helper died or hung."""
        answer = {}

        def talk():
            try:
                write_frame(self.process.stdin, json.dumps(asdict(limits)).encode())
                write_frame(self.process.stdin, data)
                answer["reply"] = json.loads(read_frame(self.process.stdout))
            except (OSError, EOFError, ValueError):
                answer["reply"] = None

        thread = threading.Thread(target=talk, daemon=True)
        thread.start()
        # The helper enforces the time limit itself; this only catches a helper that hangs.
        thread.join(limits.seconds + 30)
        if thread.is_alive():
            self.close()
            return None
        return answer["reply"]

    def close(self):
        if self.alive():
            self.process.kill()
        self.process.wait(10)


_idle = []
_lock = threading.Lock()
MAX_IDLE = 2


def _take_helper():
    with _lock:
        while _idle:
            helper = _idle.pop()
            if helper.alive():
                return helper
    return Helper()


def _give_back(helper):
    with _lock:
        if helper.alive() and len(_idle) < MAX_IDLE:
            _idle.append(helper)
            return
    helper.close()


def shutdown():
    """Stop the idle helpers (tests, process exit)."""
    with _lock:
        helpers = list(_idle)
        _idle.clear()
    for helper in helpers:
        helper.close()


def extract(data, limits=None):
    """The extraction of the PDF ``data`` (bytes or a path), run in a limited child process.

    Raises ExtractionError with a code from ``errors.MESSAGES``.
    """
    limits = limits or Limits.from_env()
    if isinstance(data, (str, os.PathLike)):
        size = os.path.getsize(data)
        if size > limits.file_mb * MB:
            raise ExtractionError("too_large", limit=_number(limits.file_mb))
        with open(data, "rb") as stream:
            data = stream.read()
    precheck(data, limits)
    helper = _take_helper()
    reply = helper.run(data, limits)
    if reply is None:
        helper.close()
        raise ExtractionError("failed")
    _give_back(helper)
    if reply.get("ok"):
        return reply["result"]
    raise ExtractionError(reply.get("code", "failed"), **reply.get("mapping", {}))
