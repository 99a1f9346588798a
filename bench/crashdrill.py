"""Crash drill: a stream of writes, SIGKILL at a random moment, restart, and every
write that was answered 2xx must be there; the database must verify.

    .venv/bin/python bench/crashdrill.py                 # 20 kills on FileStorage
    .venv/bin/python bench/crashdrill.py --kills 3       # the short form (tests/ops)
    .venv/bin/python bench/crashdrill.py --profile demo --signatures \
        --registration-event oberhausen/fortbildung-2027

The writes are plone.restapi creations of pages and PDF files (blobs); with
``--registration-event PATH`` (below the site) also ``POST <event>/@registrations``;
with ``--signatures`` (demo profile) agreements of the three Oberhausen partners,
frozen for signature (``POST @workflow/freeze_for_signature``), and their signatures
(``POST <agreement>/@signatures`` on behalf, with the paper original as evidence).
A signature answered 201 must be listed by ``GET <agreement>/@signatures`` afterwards.
After each kill the FileStorage is opened once (as the server would, cutting off the
transaction that was being written) and checked with fstest and zodbverify.
Exit status 1 when an acknowledged write is missing or the database is damaged.
"""

from http.client import HTTPException
from pathlib import Path

import argparse
import base64
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
PDF = REPO / "tests" / "pdfimport" / "corpus" / "pdf" / "01_oberhausen_seed.pdf"
EVIDENCE = REPO / "profiles" / "demo" / "evidence" / "unterschriften-2015-05-20.pdf"
PASSWORD = "crash-drill"
# the demo network's signatories, one per party (profiles/demo/site.json)
SIGNATORY_PATHS = (
    "oberhausen/jobcenter-oberhausen/geschaeftsfuehrung",
    "oberhausen/bfo/geschaeftsfuehrung",
    "oberhausen/zib/leitung",
)


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=30, auth=True):
    """(status, parsed JSON or raw bytes); status 0 when no answer came."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, method=method, data=data)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        token = base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError, HTTPException):  # e.g. cut off by the kill
        return 0, None
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw


def make_site(instance, env, profile="empty"):
    """Write zope.conf and create the site from profiles/<profile>, as `make site` does."""
    subprocess.run(
        ["make", "--no-print-directory", "site", f"INSTANCE={instance}", f"SITE_PROFILE={profile}"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )


def pg_server():
    """The PostgreSQL server (DSN without dbname): the test session's (tests/servers.py
    exports KOOPERATION_TEST_PG_DSN), else 127.0.0.1:5432 as user postgres (trust)."""
    return os.environ.get("KOOPERATION_TEST_PG_DSN") or "host=127.0.0.1 port=5432 user=postgres"


def drop_database(name):
    import psycopg2

    conn = psycopg2.connect(f"{pg_server()} dbname=postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def relstorage_pair(workdir, prefix, profile="empty", names=("instance1", "instance2")):
    """Two instances on one new PostgreSQL database, the site created, neither started.

    Returns ``(database, env, one, two)``; drop the database with ``drop_database``.
    """
    import uuid

    database = f"{prefix}_{uuid.uuid4().hex[:8]}"
    env = dict(
        os.environ,
        STORAGE="relstorage",
        RELSTORAGE_DSN=f"{pg_server()} dbname={database}",
        ADMIN_PASSWORD=PASSWORD,
        MAKEFLAGS="",
    )
    one_dir, two_dir = (Path(workdir) / name for name in names)
    make_site(one_dir, env, profile)
    subprocess.run(
        ["make", "--no-print-directory", "config", f"INSTANCE={two_dir}"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    return database, env, Server(one_dir, free_port(), env), Server(two_dir, free_port(), env)


class Server:
    """One Zope instance (runwsgi) in its own process group."""

    def __init__(self, instance, port, env):
        self.instance = Path(instance)
        self.port = port
        self.env = env
        self.url = f"http://127.0.0.1:{port}/Plone"
        self.process = None
        self.log = self.instance.parent / f"{self.instance.name}-{port}.log"

    def start(self, timeout=180):
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                str(BIN / "runwsgi"),
                str(self.instance / "etc" / "zope.ini"),
                "http_host=127.0.0.1",
                f"http_port={self.port}",
            ],
            cwd=REPO,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            if http("GET", self.url + "/@@health", auth=False, timeout=5)[0] == 200:
                return time.monotonic() - started
            time.sleep(0.2)
        raise TimeoutError(f"{self.url} did not start")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Writer(threading.Thread):
    """Sends writes in a loop to ``target()`` and remembers those answered 2xx."""

    def __init__(self, name, target, registration_event=None, signing=None):
        super().__init__(daemon=True)
        self.name_ = name
        self.target = target
        self.registration_event = registration_event
        self.signing = signing  # {"network": path, "signatories": [(uid, party uid)]}
        self.agreement = None  # (path below the site, signatories still to sign)
        self.kinds = ("file", "page", "page")  # self.n starts at 1
        if signing:
            self.kinds = ("file", "signature", "page", "page")
        if registration_event:
            self.kinds += ("registration",)
        self.acked = []  # (kind, id, sha256 or None)
        self.failed = 0
        self.statuses = {}  # HTTP status (0: no answer) -> count
        self.n = 0
        self.stopping = threading.Event()
        self.pdf = PDF.read_bytes()

    def one(self):
        self.n += 1
        oid = f"drill-{self.name_}-{self.n}"
        base = self.target()
        kind = self.kinds[self.n % len(self.kinds)]
        if kind == "signature":
            return self.sign(base, oid)
        if kind == "registration":
            body = {"fullname": f"Drill {oid}", "email": f"{oid}@example.org", "consent": True}
            status, answer = http("POST", f"{base}/{self.registration_event}/@registrations", body)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 201 and isinstance(answer, dict):
                return "registration", f"{self.registration_event}/{answer['id']}", None
            return None
        if kind == "file":
            data = self.pdf + f"\n% {oid}\n".encode()
            body = {
                "@type": "File",
                "id": oid,
                "title": oid,
                "file": {
                    "data": base64.b64encode(data).decode(),
                    "encoding": "base64",
                    "filename": f"{oid}.pdf",
                    "content-type": "application/pdf",
                },
            }
            sha = hashlib.sha256(data).hexdigest()
        else:
            body = {"@type": "Document", "id": oid, "title": f"Seite {oid}"}
            sha = None
        status, _ = http("POST", base, body)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        return (kind, oid, sha) if status == 201 else None

    def count(self, status):
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def sign(self, base, oid):
        """One signature; first an agreement frozen for signature when none is open.

        Returns the acknowledged writes (the agreement, the signature) or None."""
        acked = []
        if self.agreement is None:
            try:
                self.agreement = self.signing["pool"].pop()
            except IndexError:
                written, self.agreement = new_agreement(base, self.signing, oid, self.count)
                acked.extend(written)
            if self.agreement is None:
                return acked or None
        path, todo = self.agreement
        signatory, party = todo[0]
        body = {
            "signatory": signatory,
            "date": "2015-05-20",
            "place": "Oberhausen",
            "evidence": {
                "data": base64.b64encode(self.evidence).decode(),
                "encoding": "base64",
                "filename": "unterschriften.pdf",
                "content-type": "application/pdf",
            },
        }
        status, _ = http("POST", f"{base}/{path}/@signatures", body)
        self.count(status)
        if status == 201:
            acked.append(("signature", path, party))
            todo.pop(0)
            if not todo:
                self.agreement = None
        elif status not in (0, 502, 503):
            self.agreement = None  # refused (e.g. the freeze was lost): start anew
        return acked or None

    def run(self):
        self.evidence = EVIDENCE.read_bytes() if self.signing else None
        while not self.stopping.is_set():
            result = self.one()
            if isinstance(result, list):
                self.acked.extend(result)
            elif result:
                self.acked.append(result)
            else:
                self.failed += 1
                time.sleep(0.05)


def read(url, attempts=3):
    """GET, asked again when no answer came: a lost answer is no evidence of a lost write
    (a refused or cut connection, a timeout), a 404 or other bytes are."""
    for attempt in range(attempts):
        status, answer = http("GET", url, timeout=60)
        if status != 0:
            break
        time.sleep(1 + attempt)
    return status, answer


def missing_writes(url, acked):
    """The acknowledged writes that the site does not have (or with other bytes)."""
    missing = []
    for kind, oid, sha in acked:
        if kind == "signature":  # sha: the party that signed
            status, answer = read(f"{url}/{oid}/@signatures")
            items = answer.get("items", ()) if isinstance(answer, dict) else ()
            signed = {item.get("party") for item in items if item.get("signed")}
            if status != 200 or sha not in signed:
                missing.append((kind, f"{oid}#{sha}", status))
            continue
        status, answer = read(f"{url}/{oid}")
        if status != 200:
            missing.append((kind, oid, status))
        elif sha is not None:
            status, data = read(f"{url}/{oid}/@@download/file")
            if status != 200 or hashlib.sha256(data).hexdigest() != sha:
                seen = f"{len(data)} bytes {data[:40]!r}" if isinstance(data, bytes) else data
                missing.append((kind, oid, f"content differs (download {status}: {seen})"))
    return missing


def new_agreement(base, signing, oid, count=lambda status: None):
    """Create an agreement of the signatories' parties and freeze it for signature.

    Returns (acknowledged writes, (path, signatories to sign) or None)."""
    network = signing["network"]
    body = {
        "@type": "Agreement",
        "id": oid,
        "title": f"Vereinbarung {oid}",
        "parties": [party for _, party in signing["signatories"]],
        "text_date": "2015-05-20",
    }
    status, _ = http("POST", f"{base}/{network}", body)
    count(status)
    if status != 201:
        return [], None
    path = f"{network}/{oid}"
    status, _ = http("POST", f"{base}/{path}/@workflow/freeze_for_signature", {})
    count(status)
    agreement = (path, list(signing["signatories"])) if status == 200 else None
    return [("agreement", path, None)], agreement


def signing_setup(url, paths=SIGNATORY_PATHS, ready=2):
    """The network, the (signatory UID, party UID) pairs for the signature writes and a
    pool of ``ready`` agreements already frozen for signature (so that even a short
    round signs); the writers put back the agreements they have not finished."""
    signatories = []
    for path in paths:
        uids = []
        for item in (path, path.rsplit("/", 1)[0]):
            status, answer = http("GET", f"{url}/{item}")
            if status != 200:
                raise RuntimeError(f"{item}: {status} (the demo profile has the signatories)")
            uids.append(answer["UID"])
        signatories.append(tuple(uids))
    signing = {"network": paths[0].split("/", 1)[0], "signatories": signatories, "pool": []}
    for n in range(ready):
        _, agreement = new_agreement(url, signing, f"drill-agreement-{n}")
        if agreement is None:
            raise RuntimeError("could not create and freeze an agreement for the drill")
        signing["pool"].append(agreement)
    return signing


def verify_filestorage(instance):
    """Open the crashed Data.fs once (the server's recovery), then fstest + zodbverify."""
    from kooperation.ops.verify import verify_filestorage as verify
    from ZODB.FileStorage import FileStorage

    datafs = Path(instance) / "var" / "filestorage" / "Data.fs"
    FileStorage(str(datafs)).close()
    return verify(datafs)


def drill(
    kills=20,
    workdir=None,
    seed=None,
    registration_event=None,
    write_seconds=(0.5, 4.0),
    profile="empty",
    signatures=False,
):
    """Run the drill on FileStorage; return a summary dict (``ok`` true when nothing is lost)."""
    rng = random.Random(seed)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="crashdrill-"))
    instance = workdir / "instance"
    env = dict(os.environ, STORAGE="filestorage", ADMIN_PASSWORD=PASSWORD, MAKEFLAGS="")
    make_site(instance, env, profile)
    server = Server(instance, free_port(), env)
    summary = {"kills": 0, "acked": 0, "failed": 0, "missing": [], "verify_errors": []}
    summary["restart_seconds"] = []
    summary["statuses"] = {}
    checked = 0
    acked = []
    try:
        server.start()
        signing = signing_setup(server.url) if signatures else None
        for _ in range(kills):
            writers = [
                Writer(f"{summary['kills']}-{i}", lambda: server.url, registration_event, signing)
                for i in range(2)
            ]
            for w in writers:
                w.start()
            time.sleep(rng.uniform(*write_seconds))
            server.kill()  # in the middle of the writes
            summary["kills"] += 1
            for w in writers:
                w.stopping.set()
                w.join(timeout=60)
                if w.agreement is not None:
                    signing["pool"].append(w.agreement)  # its next party signs next round
                acked.extend(w.acked)
                summary["failed"] += w.failed
                for status, n in w.statuses.items():
                    summary["statuses"][status] = summary["statuses"].get(status, 0) + n
            result = verify_filestorage(instance)
            summary["verify_errors"].extend(result["errors"])
            summary["restart_seconds"].append(round(server.start(), 1))
            summary["missing"].extend(missing_writes(server.url, acked[checked:]))
            checked = len(acked)
        # finally every write ever acknowledged, after a clean stop and a last check
        server.stop()
        summary["verify_errors"].extend(verify_filestorage(instance)["errors"])
        server.start()
        summary["missing"] = sorted(
            set(summary["missing"]) | set(missing_writes(server.url, acked))
        )
        # the check itself must see writes that are not there
        probes = [("page", "never-written", None)]
        if signing:
            probes.append(("signature", f"{signing['network']}/drill-agreement-0", "no-party"))
        summary["self_test"] = len(missing_writes(server.url, probes)) == len(probes)
    finally:
        server.stop()
    if summary["missing"] or summary["verify_errors"]:
        summary["log_tail"] = server.log.read_text(errors="replace")[-4000:]
    summary["acked"] = len(acked)
    summary["kinds"] = {k: sum(1 for a in acked if a[0] == k) for k in {a[0] for a in acked}}
    summary["ok"] = (
        not summary["missing"] and not summary["verify_errors"] and summary.get("self_test", False)
    )
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--registration-event", default=None, help="event path below the site")
    parser.add_argument("--profile", default="empty", help="site profile (demo has events)")
    parser.add_argument(
        "--signatures", action="store_true", help="agreements and signatures (demo profile)"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    summary = drill(
        args.kills,
        args.workdir,
        args.seed,
        args.registration_event,
        profile=args.profile,
        signatures=args.signatures,
    )
    summary["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary, indent=2, default=str))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
