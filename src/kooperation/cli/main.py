"""kooperation-admin: the admin commands behind `make start` and friends.

kooperation-admin write-config [--instance DIR]     (STORAGE, RELSTORAGE_DSN, ZEO_ADDRESS)
kooperation-admin create-site  [--instance DIR] [--profile DIR]
kooperation-admin upgrade      [--instance DIR]
kooperation-admin daily        [--instance DIR] [--date YYYY-MM-DD] [--site-url URL]
kooperation-admin backup       [--instance DIR] [--to DIR] [--full]     (kooperation.ops)
kooperation-admin restore      [--instance DIR] [--from DIR] [--until STAMP]
kooperation-admin pack         [--instance DIR] [--days N]
kooperation-admin verify       [--instance DIR]
kooperation-admin fingerprint  [--instance DIR] [--site-id ID]
kooperation-admin haproxy-config --backend HOST:PORT ... [--listen ADDR:PORT]
kooperation-admin mail         [--instance DIR] [--host H] [--port P] [--user U] [--from ADDR]
                               [--from-name NAME] [--queue DIR | --no-queue] [--flush]
                               (SMTP_PASSWORD: the mail server password)
kooperation-admin mail --for-start (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD; else the
                               local mail catcher of `serve`)
kooperation-admin serve [--instance DIR] ZOPE_INI [runwsgi args]  (runwsgi + mail catcher)
kooperation-admin release-profile   (at a release: record profiles/default as released)
"""

from datetime import date
from kooperation.cli import mailcatcher
from kooperation.cli.instance import InstanceSettings
from kooperation.cli.instance import write_instance
from kooperation.ops import haproxy
from kooperation.ops import mail
from kooperation.ops.backup import for_settings
from kooperation.ops.logs import json_file_handler
from kooperation.ops.verify import verify_filestorage
from kooperation.ops.verify import verify_storage
from pathlib import Path

import argparse
import kooperation
import os
import secrets
import sys


# Plone and the add-on's Zope side are imported inside the commands that open the database
# (``# lazy: imports Plone``): write-config, backup, haproxy-config and the like start in a
# fraction of a second and work before the instance is configured.

ADMIN_PASSWORD_FILE = "admin-password"


def admin_password(instance_dir, environ=None):
    """The admin password: ADMIN_PASSWORD, else the one generated once for this instance.

    Returns (password, generated_now).
    """
    environ = os.environ if environ is None else environ
    if environ.get("ADMIN_PASSWORD"):
        return environ["ADMIN_PASSWORD"], False
    path = Path(instance_dir) / ADMIN_PASSWORD_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip(), False
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password + "\n")
    return password, True


DEMO_PASSWORDS_FILE = "demo-passwords"


def _write_private(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def demo_passwords(instance_dir, logins):
    """The passwords of a site profile's users: generated once per login, kept in the instance.

    ``<instance>/demo-passwords`` holds one ``login password`` line per user (mode 0600),
    like the admin's password. Returns ({login: password}, [logins generated now]).
    """
    path = Path(instance_dir) / DEMO_PASSWORDS_FILE
    known = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            login, _, password = line.strip().partition(" ")
            if login and password:
                known[login] = password
    generated = [login for login in logins if login not in known]
    for login in generated:
        known[login] = secrets.token_urlsafe(12)
    if generated:
        _write_private(path, "".join(f"{login} {pw}\n" for login, pw in known.items()))
    return {login: known[login] for login in logins}, generated


def ensure_postgresql_database(dsn):
    """Create the RelStorage database named in the DSN when it does not exist yet."""
    import psycopg2
    import psycopg2.extensions

    params = psycopg2.extensions.parse_dsn(dsn)
    dbname = params.get("dbname")
    if not dbname:
        raise SystemExit("RELSTORAGE_DSN names no dbname")
    admin_params = dict(params, dbname="postgres")
    conn = psycopg2.connect(**admin_params)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            if cur.fetchone():
                return False
            cur.execute(f'CREATE DATABASE "{dbname}"')
            return True
    finally:
        conn.close()


def cmd_write_config(args):
    settings = InstanceSettings.from_environ(args.instance)
    zope_conf = write_instance(settings)
    if settings.storage == "relstorage" and ensure_postgresql_database(settings.dsn):
        print(f"Created PostgreSQL database for RelStorage ({settings.dsn})")
    print(f"Wrote {zope_conf} (storage: {settings.storage})")


CLI_USER = "kooperation-admin"


def _open_app(instance_dir):
    """The Zope root, with a Manager acting (the catalog filters by roles:
    Zope's ``system`` user holds none that it knows)."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import UnrestrictedUser
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    import Zope2

    zope_conf = Path(instance_dir) / "etc" / "zope.conf"
    if not zope_conf.is_file():
        raise SystemExit(f"{zope_conf} is missing: run `make config` first")
    make_wsgi_app({}, str(zope_conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    user = UnrestrictedUser(CLI_USER, "", ["Manager"], [])
    newSecurityManager(None, user.__of__(app.acl_users))
    return app


def _ensure_admin(app, name, password, reset):
    """Create the Zope-root Manager, or reset its password when ADMIN_PASSWORD is given."""
    users = app.acl_users
    if users.getUserById(name) is None:
        users._doAddUser(name, password, ["Manager"], [])
        return "created"
    if reset:
        # The Zope root's user folder is a PluggableAuthService: its ZODB user
        # manager changes passwords (PlonePAS's _doChangeUser needs a Plone site).
        manager = getattr(users, "users", None)
        if manager is not None and hasattr(manager, "updateUserPassword"):
            manager.updateUserPassword(name, password)
        else:
            users._doChangeUser(name, password, ["Manager"], [])
        return "password reset"
    return "unchanged"


def cmd_create_site(args):
    from kooperation.sitesetup import ensure_site  # lazy: imports Plone

    import transaction

    instance_dir = Path(args.instance).resolve()
    app = _open_app(instance_dir)
    password, generated = admin_password(instance_dir)
    admin_state = _ensure_admin(
        app, args.admin_user, password, reset=bool(os.environ.get("ADMIN_PASSWORD"))
    )
    transaction.commit()
    # The site and its demo content belong to the admin, as if created through the web.
    from AccessControl.SecurityManagement import newSecurityManager

    admin = app.acl_users.getUserById(args.admin_user)
    newSecurityManager(None, admin.__of__(app.acl_users))
    site, created = ensure_site(app, args.profile, site_id=args.site_id)
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8080")
    print(
        ("Created" if created else "Found")
        + f" site '{site.getId()}' ({site.Title()})"
        + (f" from site profile {args.profile}" if created else "")
    )
    print(f"URL:   http://{host}:{port}/{site.getId()}")
    password_file = instance_dir / ADMIN_PASSWORD_FILE
    if generated:
        print(f"Login: {args.admin_user} / {password}  (kept in {password_file})")
    elif admin_state == "unchanged" and not os.environ.get("ADMIN_PASSWORD"):
        print(f"Login: {args.admin_user}, password in {password_file}")
    else:
        print(f"Login: {args.admin_user} with ADMIN_PASSWORD ({admin_state})")
    if created:
        _demo_logins(site, args.profile, instance_dir)
    elif (instance_dir / DEMO_PASSWORDS_FILE).is_file():
        print(f"Demo logins: passwords in {instance_dir / DEMO_PASSWORDS_FILE}")
    app._p_jar.close()


def _demo_logins(site, profile_dir, instance_dir):
    """The profile's sender address; its users' passwords (kept in the instance), printed."""
    from kooperation.sitesetup import read_site_profile  # lazy: imports Plone
    from kooperation.sitesetup.accounts import profile_users  # lazy: imports Plone
    from kooperation.sitesetup.accounts import set_mail_sender  # lazy: imports Plone
    from kooperation.sitesetup.accounts import set_passwords  # lazy: imports Plone
    from zope.component.hooks import setSite

    import transaction

    profile = read_site_profile(profile_dir)
    users = profile_users(profile)
    setSite(site)
    # The sender only now: mails of the profile's own transitions are not sent.
    set_mail_sender(site, profile)
    # A new site queues its mails (ops.mail): a mail server that is down delays them,
    # it never refuses a user's registration or publication.
    queue = Path(instance_dir) / "var" / "mailqueue"
    mail.configure(site, queue=str(queue))
    print(f"Mail: queued in {queue} (kooperation-admin mail --no-queue: sent at once)")
    transaction.commit()
    if not users:
        return
    passwords, _generated = demo_passwords(instance_dir, [u["id"] for u in users])
    set_passwords(passwords)
    transaction.commit()
    width = max(len(u["id"]) for u in users)
    print(f"Demo logins (kept in {Path(instance_dir) / DEMO_PASSWORDS_FILE}):")
    for user in users:
        print(f"  {user['id']:<{width}}  {passwords[user['id']]}  {user.get('role', '')}")


def cmd_upgrade(args):
    """Run the pending upgrade steps; exit 1 when the site does not reach the profile version."""
    from kooperation.upgrades import run_upgrades  # lazy: imports Plone
    from plone import api
    from zope.component.hooks import setSite

    import transaction

    app = _open_app(Path(args.instance).resolve())
    try:
        site = app[args.site_id]
        setSite(site)
        ok, message = run_upgrades(api.portal.get_tool("portal_setup"))
        if ok:
            transaction.commit()
        else:
            transaction.abort()
    finally:
        app._p_jar.close()
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_daily(args):
    """The daily job (cron): exit 1 when a step failed, 2 when it could not run at all.

    What it did goes as JSON lines to <instance>/var/log/daily.jsonl (or DAILY_LOG):
    the job's own messages and one line ``"event": "daily_job_finished"`` per run.
    """

    import logging
    import time

    path = os.environ.get("DAILY_LOG") or Path(args.instance) / "var" / "log" / "daily.jsonl"
    handler = json_file_handler(path)
    log = logging.getLogger("kooperation")
    level = log.level
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    started = time.monotonic()
    outcome = {}
    status = 2
    try:
        status = _daily(args, outcome)
    finally:
        summary = outcome.get("summary")
        log.log(
            logging.INFO if status == 0 else logging.ERROR,
            "Daily job finished with exit status %s",
            status,
            extra={
                "data": {
                    "event": "daily_job_finished",
                    "exit_status": status,
                    "ok": status == 0,
                    "seconds": round(time.monotonic() - started, 2),
                    "summary": summary,
                    "error": outcome.get("error"),
                }
            },
        )
        log.removeHandler(handler)
        log.setLevel(level)
        handler.close()
    return status


def _flush_queue(site):
    """Send the reminders this job queued before it exits (no server's sender may run)."""

    try:
        sent, left = mail.flush(site)
    except Exception as exc:  # the job's own work is committed; the queue keeps the mails
        print(f"kooperation-admin daily: mail queue: {exc}", file=sys.stderr)
        return {"sent": 0, "left": None}
    return {"sent": sent, "left": left}


def _daily(args, outcome):
    """The daily job; ``outcome`` receives its summary or error for the JSON log."""
    from kooperation.jobs.daily import format_summary  # lazy: imports Plone
    from kooperation.jobs.daily import run_daily  # lazy: imports Plone
    from kooperation.jobs.daily import set_site_url  # lazy: imports Plone
    from zope.component.hooks import setSite

    import transaction

    try:
        app = _open_app(Path(args.instance).resolve())
    except Exception as exc:  # e.g. the FileStorage is locked by a running server
        outcome["error"] = f"{type(exc).__name__}: {exc}"
        print(f"kooperation-admin daily: {outcome['error']}", file=sys.stderr)
        return 2
    try:
        site = app[args.site_id]
        setSite(site)
        host = os.environ.get("HOST", "127.0.0.1")
        port = os.environ.get("PORT", "8080")
        url = args.site_url or os.environ.get("SITE_URL") or f"http://{host}:{port}/{args.site_id}"
        set_site_url(app.REQUEST, site, url)
        summary = run_daily(site, today=args.date, commit=True)
        transaction.commit()
        summary["mail"] = _flush_queue(site)
        left = summary["mail"]["left"]
        if left is None or left > 0:  # kept, not lost: cron hears of it all the same
            summary["errors"].append(
                f"mail: {'some' if left is None else left} mail(s) not sent, kept in the queue"
            )
    except Exception as exc:
        transaction.abort()
        outcome["error"] = f"{type(exc).__name__}: {exc}"
        print(f"kooperation-admin daily: {outcome['error']}", file=sys.stderr)
        return 2
    finally:
        app._p_jar.close()
    outcome["summary"] = summary
    print(format_summary(summary))
    for error in summary["errors"]:
        print(f"kooperation-admin daily: {error}", file=sys.stderr)
    return 1 if summary["errors"] else 0


def cmd_mail(args):
    """Show or set the mail server, the sender and the queue; ``--flush`` sends the queue."""
    from zope.component.hooks import setSite

    import json
    import transaction

    if args.for_start:
        return _mail_for_start(args)
    queue = False if args.no_queue else args.queue
    changes = {
        "host": args.host,
        "port": args.port,
        "user": args.user,
        "password": os.environ.get("SMTP_PASSWORD") or None,
        "sender": args.sender,
        "name": args.sender_name,
        "queue": queue,
    }
    problems = mail.check(args.host, args.port, args.sender, queue or None)
    if problems:
        for problem in problems:
            print(f"kooperation-admin mail: {problem}", file=sys.stderr)
        return 2
    app = _open_app(Path(args.instance).resolve())
    try:
        site = app[args.site_id]
        setSite(site)
        if any(value is not None for value in changes.values()):
            current = mail.configure(site, **changes)
            transaction.commit()
        else:
            current = mail.settings(site)
        if args.flush:
            sent, left = mail.flush(site)
            current["flushed"] = {"sent": sent, "left": left}
    finally:
        app._p_jar.close()
    print(json.dumps(current, indent=2))
    return 1 if args.flush and current["flushed"]["left"] else 0


def _mail_for_start(args):
    """`make start`: SMTP_HOST's server, a server set before, or the local mail catcher."""
    from zope.component.hooks import setSite

    import transaction

    instance_dir = Path(args.instance).resolve()
    app = _open_app(instance_dir)
    try:
        site = app[args.site_id]
        setSite(site)
        changes, message = mailcatcher.start_settings(mail.settings(site))
        if changes:
            mail.configure(site, **changes)
            transaction.commit()
        sender = mail.settings(site)["sender"]
    finally:
        app._p_jar.close()
    if message is None:
        message = (
            "Mail: no SMTP_HOST, so every mail is caught in "
            f"{mailcatcher.maildir_path(instance_dir)}/new (one file per mail)"
        )
    print(message)
    if not sender:
        print("Mail: the site has no sender address: set one with kooperation-admin mail --from")
    return 0


def cmd_serve(args):
    """runwsgi, with the local mail catcher in the same process unless SMTP_HOST is set."""

    return mailcatcher.serve(Path(args.instance).resolve(), args.wsgi_args)


def _backup_dir(args):
    return Path(
        args.backup_dir or os.environ.get("BACKUP_DIR") or Path(args.instance) / "var" / "backups"
    )


def cmd_backup(args):
    """Back up the database (and blobs) of the instance; see kooperation.ops.backup."""

    import time

    started = time.monotonic()
    target = _backup_dir(args).resolve()
    result = for_settings(InstanceSettings.from_environ(args.instance), target).backup(args.full)
    seconds = time.monotonic() - started
    print(
        f"Backup ({result['kind']}) in {target}: {', '.join(result['files']) or 'no new data'};"
        f" blobs: {result['blobs']} ({seconds:.1f}s)"
    )


def cmd_restore(args):
    """Restore the last backup (or the last one up to --until); the server must be stopped."""

    import time

    started = time.monotonic()
    source = _backup_dir(args).resolve()
    result = for_settings(InstanceSettings.from_environ(args.instance), source).restore(args.until)
    print(f"Restored from {source} (blobs: {result['blobs']}) in {time.monotonic() - started:.1f}s")
    for kept in result["kept_aside"]:
        print(f"Kept the replaced data aside: {kept}")


def cmd_pack(args):
    """Pack away old revisions; current objects (CMFEditions versions too) are kept."""
    app = _open_app(Path(args.instance).resolve())
    try:
        db = app._p_jar.db()
        before = db.getSize()
        db.pack(days=args.days)
        print(f"Packed (keeping {args.days} days of undo): {before} -> {db.getSize()} bytes")
    finally:
        app._p_jar.close()


def cmd_verify(args):
    """Check the database: exit 1 when a record is damaged."""

    settings = InstanceSettings.from_environ(args.instance)
    if settings.storage == "filestorage":
        datafs = settings.instance_dir / "var" / "filestorage" / "Data.fs"
        result = verify_filestorage(datafs)
    else:
        app = _open_app(settings.instance_dir)
        try:
            count, errors = verify_storage(app._p_jar.db().storage)
        finally:
            app._p_jar.close()
        result = {"records": count, "errors": errors}
    for error in result["errors"]:
        print(f"kooperation-admin verify: {error}", file=sys.stderr)
    print(f"Verified {result['records']} records: {len(result['errors'])} errors")
    return 1 if result["errors"] else 0


def cmd_fingerprint(args):
    """Print the checksum of the content (JSON), to compare before a backup and after a restore."""
    from kooperation.ops.fingerprint import fingerprint  # lazy: imports Plone
    from zope.component.hooks import setSite

    import json

    app = _open_app(Path(args.instance).resolve())
    try:
        site = app[args.site_id]
        setSite(site)
        print(json.dumps(fingerprint(site), sort_keys=True))
    finally:
        app._p_jar.close()


def cmd_haproxy_config(args):
    """Print an HAProxy configuration for the instances (see kooperation.ops.haproxy)."""

    try:
        print(haproxy.render(args.backend, listen=args.listen, site_id=args.site_id), end="")
    except ValueError as exc:
        raise SystemExit(f"kooperation-admin haproxy-config: {exc}") from None


def cmd_release_profile(args):
    """Record the profile of the current metadata.xml version as released (once per release)."""
    from kooperation.upgrades import profile_hash  # lazy: imports Plone
    from kooperation.upgrades import read_released  # lazy: imports Plone
    from kooperation.upgrades import RELEASED_FILE  # lazy: imports Plone

    import re

    package = Path(kooperation.__file__).parent
    profile = package / "profiles" / "default"
    metadata = (profile / "metadata.xml").read_text(encoding="utf-8")
    version = re.search(r"<version>\s*(\S+?)\s*</version>", metadata).group(1)
    released_file = package / "upgrades" / RELEASED_FILE
    if version in read_released(released_file):
        raise SystemExit(f"version {version} is already released: raise it in metadata.xml")
    digest = profile_hash(profile)
    with released_file.open("a", encoding="utf-8") as f:
        f.write(f"{version} {digest}\n")
    print(f"Recorded profile version {version} as released ({digest[:12]}) in {released_file}")


def build_parser():
    parser = argparse.ArgumentParser(prog="kooperation-admin", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("write-config", help="write <instance>/etc/zope.conf for STORAGE")
    p.add_argument("--instance", default="instance")
    p.set_defaults(func=cmd_write_config)

    p = sub.add_parser("create-site", help="create the site unless it exists; ensure the admin")
    p.add_argument("--instance", default="instance")
    p.add_argument("--profile", default="profiles/demo", help="site profile folder")
    p.add_argument("--site-id", default="Plone")
    p.add_argument("--admin-user", default=os.environ.get("ADMIN_USER", "admin"))
    p.set_defaults(func=cmd_create_site)

    p = sub.add_parser("upgrade", help="run the pending upgrade steps of kooperation")
    p.add_argument("--instance", default="instance")
    p.add_argument("--site-id", default="Plone")
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("daily", help="the daily job: expire, enter into force, reindex, remind")
    p.add_argument("--instance", default="instance")
    p.add_argument("--site-id", default="Plone")
    p.add_argument(
        "--date", type=date.fromisoformat, default=None, help="day of the reminders (YYYY-MM-DD)"
    )
    p.add_argument("--site-url", default=None, help="public URL of the site, for links in mails")
    p.set_defaults(func=cmd_daily)

    p = sub.add_parser("backup", help="back up the database and blobs (BACKUP_DIR)")
    p.add_argument("--instance", default="instance")
    p.add_argument("--to", dest="backup_dir", default=None, help="default: BACKUP_DIR")
    p.add_argument("--full", action="store_true", help="a full backup, not an incremental one")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore the last backup (stop the server first)")
    p.add_argument("--instance", default="instance")
    p.add_argument("--from", dest="backup_dir", default=None, help="default: BACKUP_DIR")
    p.add_argument("--until", default=None, help="the last backup up to YYYY-MM-DD-hh-mm-ss")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("pack", help="remove old revisions; versions of agreements stay")
    p.add_argument("--instance", default="instance")
    p.add_argument("--days", type=float, default=7, help="days of undo history to keep")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("verify", help="check that every database record loads")
    p.add_argument("--instance", default="instance")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("fingerprint", help="checksum of content, signatures, versions, files")
    p.add_argument("--instance", default="instance")
    p.add_argument("--site-id", default="Plone")
    p.set_defaults(func=cmd_fingerprint)

    p = sub.add_parser("haproxy-config", help="an HAProxy config for N instances (RelStorage)")
    p.add_argument("--backend", action="append", required=True, help="HOST:PORT, repeatable")
    p.add_argument("--listen", default="127.0.0.1:80")
    p.add_argument("--site-id", default="Plone")
    p.set_defaults(func=cmd_haproxy_config)

    p = sub.add_parser("mail", help="show or set the mail server, sender and mail queue")
    p.add_argument("--instance", default="instance")
    p.add_argument("--site-id", default="Plone")
    p.add_argument("--host", default=None, help="SMTP server")
    p.add_argument("--port", default=None, help="SMTP port")
    p.add_argument("--user", default=None, help="SMTP user (password: SMTP_PASSWORD)")
    p.add_argument("--from", dest="sender", default=None, help="sender address of the portal")
    p.add_argument("--from-name", dest="sender_name", default=None, help="sender name")
    queue = p.add_mutually_exclusive_group()
    queue.add_argument("--queue", default=None, help="queue mails in this folder (a maildir)")
    queue.add_argument("--no-queue", action="store_true", help="send at commit (Plone default)")
    p.add_argument("--flush", action="store_true", help="send the queued mails now")
    p.add_argument(
        "--for-start",
        action="store_true",
        help="make start: SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD, else the mail catcher",
    )
    p.set_defaults(func=cmd_mail)

    p = sub.add_parser("serve", help="runwsgi with the local mail catcher (make start)")
    p.add_argument("--instance", default="instance")
    p.add_argument("wsgi_args", nargs=argparse.REMAINDER, help="runwsgi's arguments")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("release-profile", help="at a release: record profiles/default")
    p.set_defaults(func=cmd_release_profile)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
