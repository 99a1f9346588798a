"""Start real Zope instances the way a user does (`make start`) and talk HTTP to them."""

from pathlib import Path

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


REPO = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class MakeStart:
    """`make start` in its own process group, with its output in a log file."""

    def __init__(self, instance_dir, port, **env):
        self.instance_dir = Path(instance_dir)
        self.port = port
        self.url = f"http://127.0.0.1:{port}/Plone"
        self.env = dict(os.environ, INSTANCE=str(instance_dir), PORT=str(port), **env)
        self.env.pop("MAKEFLAGS", None)
        # its own mail catcher port: two instances (or parallel tests) do not share 8025
        if not self.env.get("MAIL_CATCHER_PORT"):
            self.env["MAIL_CATCHER_PORT"] = str(free_port())
        self.log = self.instance_dir.parent / f"{self.instance_dir.name}-start.log"
        self.process = None

    def __enter__(self):
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "start"],
            cwd=REPO,
            env=self.env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_http(self.url, self.process)
        except Exception:
            self.stop()
            raise RuntimeError(self.output()[-3000:]) from None
        return self

    def output(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()


# PostgreSQL for the RelStorage tests ------------------------------------------------------
#
# One place decides which server they use (the ``postgres`` fixture in conftest.py calls
# ``postgres_server``):
#   RELSTORAGE_DSN set          that server (its dbname is ignored: every test creates and
#                               drops its own database kooperation_test_*)
#   else 127.0.0.1:5432 answers that server (user postgres, trust), as on the CI machine
#   else                        a throwaway cluster: initdb in a temporary folder, postgres
#                               on a free port, stopped and removed after the session
# KOOPERATION_TEST_PG=own skips the first two and always starts a throwaway cluster.
# The chosen server's DSN (without dbname) is exported as KOOPERATION_TEST_PG_DSN for
# code that is not a fixture (bench/crashdrill.py, child processes).

DEFAULT_PG = "host=127.0.0.1 port=5432 user=postgres"
PG_ENV = "KOOPERATION_TEST_PG_DSN"


def server_dsn(dsn):
    """``dsn`` without its dbname, in key=value form."""
    from psycopg2.extensions import make_dsn
    from psycopg2.extensions import parse_dsn

    return make_dsn(**{k: v for k, v in parse_dsn(dsn).items() if k != "dbname"})


def database_dsn(server, dbname):
    from psycopg2.extensions import make_dsn

    return make_dsn(server, dbname=dbname)


def pg_answers(server):
    import psycopg2

    try:
        psycopg2.connect(database_dsn(server, "postgres"), connect_timeout=3).close()
    except psycopg2.OperationalError:
        return False
    return True


def pg_sql(server, statement):
    """Run one statement (CREATE/DROP DATABASE ...) in the server's postgres database."""
    import psycopg2

    conn = psycopg2.connect(database_dsn(server, "postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
    finally:
        conn.close()


def pg_bindir():
    """The folder of initdb and pg_ctl: PATH, else Debian's /usr/lib/postgresql/<ver>/bin."""
    import shutil

    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own: initdb in a temporary folder, trust authentication,
    listening on 127.0.0.1:<free port> and a socket in that folder; ``stop()`` removes it.

    initdb refuses to run as root: as root, the cluster belongs to the ``postgres`` user
    (Debian's package creates it), else to ``nobody``, and the commands run through runuser.
    """

    def __init__(self, bindir=None):
        self.bindir = Path(bindir) if bindir else pg_bindir()
        self.dir = None
        self.port = None
        self.owner = None

    @property
    def dsn(self):
        return f"host=127.0.0.1 port={self.port} user=postgres"

    def _run(self, tool, *args, timeout=120):
        argv = [str(self.bindir / tool), *map(str, args)]
        if self.owner:
            argv = ["runuser", "-u", self.owner, "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        if result.returncode:
            raise RuntimeError(
                f"{tool} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def start(self):
        import pwd
        import tempfile

        if self.bindir is None:
            raise RuntimeError(
                "No PostgreSQL server answers on 127.0.0.1:5432, RELSTORAGE_DSN is not set and"
                " initdb/pg_ctl are missing: `make system-deps` installs Debian's postgresql"
            )
        self.dir = Path(tempfile.mkdtemp(prefix="kooperation-pg-"))
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    owner = pwd.getpwnam(name)
                except KeyError:
                    continue
                self.owner = name
                os.chown(self.dir, owner.pw_uid, owner.pw_gid)
                break
            else:
                raise RuntimeError("running as root without a postgres or nobody user for initdb")
        data = self.dir / "data"
        self._run(
            "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.port = free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port}"
            f" -c unix_socket_directories={self.dir}"
            # a throwaway cluster: durability buys nothing here
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        try:
            self._run(
                "pg_ctl",
                "-D",
                data,
                "-l",
                self.dir / "postgres.log",
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
        except Exception:
            self.stop()
            raise
        return self

    def log(self):
        path = self.dir / "postgres.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self):
        import shutil

        if self.dir is None:
            return
        if (self.dir / "data" / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", self.dir / "data", "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


def postgres_server(environ=None):
    """(DSN without dbname, ThrowawayPostgres or None): see the comment above."""
    environ = os.environ if environ is None else environ
    mode = environ.get("KOOPERATION_TEST_PG", "auto")
    if mode not in ("auto", "own"):
        raise RuntimeError(f"KOOPERATION_TEST_PG={mode!r}: 'auto' or 'own'")
    if mode == "auto":
        if environ.get("RELSTORAGE_DSN"):
            server = server_dsn(environ["RELSTORAGE_DSN"])
            if not pg_answers(server):
                raise RuntimeError(f"RELSTORAGE_DSN is set, but {server} does not answer")
            return server, None
        if pg_answers(DEFAULT_PG):
            return DEFAULT_PG, None
    cluster = ThrowawayPostgres().start()
    return cluster.dsn, cluster
