"""Database checks after a crash or a restore.

FileStorage: ``fstest`` checks the file's structure (transaction and data record
headers, lengths, back pointers), then every current record is unpickled
(zodbverify's check). RelStorage: the unpickling check; PostgreSQL keeps its own
structure.
"""

from zodbverify.verify import verify_record


def fstest(path):
    """None when Data.fs is sound, else the error text."""
    from ZODB.scripts import fstest as _fstest

    try:
        _fstest.check(str(path))
    except _fstest.FormatError as exc:
        return str(exc)
    return None


def verify_storage(storage):
    """(records, [errors]) for every current record of ``storage``."""
    count = 0
    errors = []
    next_ = None
    while True:
        oid, _tid, data, next_ = storage.record_iternext(next_)
        count += 1
        ok, message = verify_record(oid, data)
        if not ok:
            errors.append(f"{oid.hex()}: {message}")
        if next_ is None:
            return count, errors


def verify_filestorage(path):
    """{"records": n, "errors": [...]} for a FileStorage that no server has open."""
    from ZODB.FileStorage import FileStorage

    problem = fstest(path)
    if problem:
        return {"records": 0, "errors": [f"fstest: {problem}"]}
    storage = FileStorage(str(path), read_only=True)
    try:
        count, errors = verify_storage(storage)
    finally:
        storage.close()
    return {"records": count, "errors": errors}
