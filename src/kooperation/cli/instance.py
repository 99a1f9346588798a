"""Render the Zope configuration (zope.conf) for one of the supported storages.

FileStorage is the default and serves one process. RelStorage (PostgreSQL) and
ZEO let several Zope instances share one database; each instance then gets its
own instance folder (logs, blob cache) and its own port.
"""

from dataclasses import dataclass
from pathlib import Path

import os


STORAGES = ("filestorage", "relstorage", "zeo")
DEFAULT_DSN = "host=127.0.0.1 port=5432 dbname=kooperation user=postgres"
DEFAULT_ZEO_ADDRESS = "127.0.0.1:8100"
MAX_CONFLICT_RETRIES = 10


@dataclass(frozen=True)
class InstanceSettings:
    instance_dir: Path
    storage: str = "filestorage"
    dsn: str = DEFAULT_DSN
    zeo_address: str = DEFAULT_ZEO_ADDRESS
    debug_mode: bool = False

    @classmethod
    def from_environ(cls, instance_dir, environ=None):
        """Settings as the Makefile passes them: STORAGE, RELSTORAGE_DSN, ZEO_ADDRESS."""
        environ = os.environ if environ is None else environ
        return cls(
            instance_dir=Path(instance_dir).resolve(),
            storage=environ.get("STORAGE") or "filestorage",
            dsn=environ.get("RELSTORAGE_DSN") or DEFAULT_DSN,
            zeo_address=environ.get("ZEO_ADDRESS") or DEFAULT_ZEO_ADDRESS,
            debug_mode=environ.get("DEBUG_MODE", "").lower() in ("1", "on", "true"),
        )


_FILESTORAGE = """\
<zodb_db main>
    mount-point /
    cache-size 30000
    <blobstorage>
        blob-dir $INSTANCE/var/blobstorage
        <filestorage>
            path $INSTANCE/var/filestorage/Data.fs
        </filestorage>
    </blobstorage>
</zodb_db>
"""

# History-free RelStorage; blobs live in PostgreSQL and each instance keeps a
# bounded local cache of them (shared-blob-dir false).
_RELSTORAGE = """\
%import relstorage
<zodb_db main>
    mount-point /
    cache-size 30000
    <relstorage>
        keep-history false
        blob-dir $INSTANCE/var/blobcache
        shared-blob-dir false
        blob-cache-size 512mb
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>
</zodb_db>
"""

_ZEO = """\
%import ZEO
<zodb_db main>
    mount-point /
    cache-size 30000
    <clientstorage>
        server {zeo_address}
        storage 1
        name zeostorage
        blob-dir $INSTANCE/var/blobcache
        shared-blob-dir off
        cache-size 128MB
        # Wait for other instances' invalidations when a request begins, so
        # that what one instance committed is what the next one serves.
        server-sync on
    </clientstorage>
</zodb_db>
"""

_HEADER = """\
# Written by `kooperation-admin write-config` (storage: {storage}).
# Do not edit: run `make config STORAGE=...` again instead.
%define INSTANCE {instance_dir}

instancehome $INSTANCE
clienthome $INSTANCE/var
debug-mode {debug_mode}
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8
# A request that loses a write conflict is published again on the committed state.
# Zope's default of 3 lets a rush of writers to one folder end in 500s; the pause
# before each retry is random and doubles, so contenders fall out of step.
max-conflict-retries {max_conflict_retries}

<environment>
    CHAMELEON_CACHE $INSTANCE/var/cache
    zope_i18n_compile_mo_files true
</environment>

<dos_protection>
    form-memory-limit 4MB
    form-disk-limit 1GB
    form-memfile-limit 4KB
</dos_protection>

"""


def render_zope_conf(settings):
    if settings.storage not in STORAGES:
        raise ValueError(
            f"Unknown storage {settings.storage!r}; choose one of {', '.join(STORAGES)}"
        )
    if "\n" in settings.dsn or "\n" in settings.zeo_address:
        raise ValueError("RELSTORAGE_DSN and ZEO_ADDRESS must be one line")
    header = _HEADER.format(
        storage=settings.storage,
        instance_dir=settings.instance_dir,
        debug_mode="on" if settings.debug_mode else "off",
        max_conflict_retries=MAX_CONFLICT_RETRIES,
    )
    body = {
        "filestorage": _FILESTORAGE,
        "relstorage": _RELSTORAGE,
        "zeo": _ZEO,
    }[settings.storage].format(dsn=settings.dsn, zeo_address=settings.zeo_address)
    return header + body


def write_instance(settings):
    """Write etc/zope.conf and create the var folders; return the zope.conf path."""
    instance_dir = Path(settings.instance_dir)
    for sub in ("etc", "var/log", "var/cache", "var/filestorage"):
        (instance_dir / sub).mkdir(parents=True, exist_ok=True)
    zope_conf = instance_dir / "etc" / "zope.conf"
    zope_conf.write_text(render_zope_conf(settings), encoding="utf-8")
    return zope_conf
