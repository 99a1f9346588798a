"""The append-only audit log: storage, entries and queries, without Zope.

Entries live in an ``LOBTree`` keyed by microseconds since the epoch (UTC), bumped by one
when two entries fall into the same microsecond, so keys are unique and ordered by time.
Concurrent transactions append distinct keys, which BTree conflict resolution merges; two
writers that pick the same key conflict and Zope's retry gives the second a new key.
Small secondary indexes (action, user, path) are ``LLTreeSet``s that merge the same way.

The log has no method that changes or removes an entry, and entries are frozen.
"""

from BTrees.Length import Length
from BTrees.LLBTree import intersection
from BTrees.LLBTree import LLSet
from BTrees.LLBTree import LLTreeSet
from BTrees.LLBTree import multiunion
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from dataclasses import asdict
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from kooperation.common.confidential import CONFIDENTIAL_TITLE
from kooperation.common.csvsafe import neutralise
from persistent import Persistent

import json
import time


MAX_DETAILS_CHARS = 4000
MAX_TEXT_CHARS = 500
FIELDS = (
    "when",
    "action",
    "user_id",
    "user_name",
    "subject",
    "path",
    "title",
    "portal_type",
    "uid",
    "address",
    "forwarded_for",
    "details",
)


def to_key(moment):
    """The log key (µs since the epoch) of an aware datetime."""
    return int(moment.timestamp() * 1_000_000)


def _text(value, limit=MAX_TEXT_CHARS):
    return str(value or "")[:limit]


def _details_json(details):
    text = json.dumps(details or {}, default=str, sort_keys=True, ensure_ascii=False)
    if len(text) > MAX_DETAILS_CHARS:
        # A caller's mistake must not lose the entry (nor abort the audited action).
        text = json.dumps({"truncated": text[:MAX_DETAILS_CHARS]}, ensure_ascii=False)
    return text


@dataclass(frozen=True, order=True)
class AuditEntry:
    """One immutable log entry; ``details`` returns a fresh copy each time.

    Ordered, because BTree conflict resolution compares values with ``<``.
    """

    key: int
    action: str
    user_id: str
    user_name: str
    subject: str
    uid: str
    path: str
    title: str
    portal_type: str
    address: str
    forwarded_for: str
    details_json: str

    @property
    def when(self):
        return datetime.fromtimestamp(self.key / 1_000_000, tz=UTC)

    @property
    def details(self):
        return json.loads(self.details_json)

    def as_json(self):
        data = asdict(self)
        del data["details_json"]
        if self.portal_type == "CaseNote":
            # Entries from before case notes got anonymous ids and titles: show neither.
            data["title"] = CONFIDENTIAL_TITLE
            data["path"] = self.path.rsplit("/", 1)[0]
        data["when"] = self.when.isoformat(timespec="seconds")
        data["details"] = self.details
        return data


TEXT_FIELDS = [
    name
    for name in AuditEntry.__dataclass_fields__
    if name not in ("key", "action", "details_json")
]


class AuditLog(Persistent):
    """Append-only: ``append`` adds, the rest reads."""

    _all = None  # logs created before the key index read the keys from _entries

    def __init__(self):
        self._entries = LOBTree()
        # The keys alone: listing them does not load whole entries (100k: ms, not seconds).
        self._all = LLTreeSet()
        self._count = Length()
        self._by_action = OOBTree()
        self._by_user = OOBTree()
        self._by_path = OOBTree()

    def __len__(self):
        return self._count()

    def _next_key(self, now_us):
        if self._entries:
            return max(now_us, self._entries.maxKey() + 1)
        return now_us

    @staticmethod
    def _index(index, value, key):
        if not value:
            return
        keys = index.get(value)
        if keys is None:
            keys = index[value] = LLTreeSet()
        keys.insert(key)

    def append(self, action, now_us=None, **values):
        """Add an entry and return it. ``values`` are the other fields of AuditEntry
        (``details`` as a dict); unknown names raise TypeError."""
        if not action or not isinstance(action, str):
            raise ValueError("An audit entry needs an action.")
        now_us = time.time_ns() // 1000 if now_us is None else now_us
        details = values.pop("details", None)
        unknown = sorted(set(values) - set(TEXT_FIELDS))
        if unknown:
            raise TypeError(f"Unknown audit fields: {unknown}")
        texts = {name: _text(values.get(name)) for name in TEXT_FIELDS}
        key = self._next_key(now_us)
        entry = AuditEntry(
            key=key, action=_text(action, 100), details_json=_details_json(details), **texts
        )
        self._entries[key] = entry
        if self._all is not None:
            self._all.insert(key)
        self._count.change(1)
        self._index(self._by_action, entry.action, key)
        for user in {entry.user_id, entry.subject}:
            self._index(self._by_user, user, key)
        self._index(self._by_path, entry.path, key)
        return entry

    def get(self, key):
        return self._entries.get(key)

    def actions(self):
        """The action ids that occur in the log."""
        return list(self._by_action.keys())

    def _action_keys(self, action):
        if action.endswith("*"):
            prefix = action[:-1]
            sets = []
            for name in self._by_action.keys(min=prefix):
                if not name.startswith(prefix):
                    break
                sets.append(self._by_action[name])
            return multiunion(sets)
        return self._by_action.get(action) or LLSet()

    def _path_keys(self, path):
        path = path.rstrip("/")
        sets = [self._by_path[path]] if path in self._by_path else []
        # Everything below: keys from "<path>/" up to "<path>0" ("0" follows "/").
        sets.extend(self._by_path.values(path + "/", path + "0", excludemax=True))
        return multiunion(sets)

    def scope_keys(self, path, groups=(), users=(), site_paths=("",)):
        """Keys of the entries that belong to one part of the site (a network).

        That is every entry on ``path`` or below it; the group memberships of ``groups``
        (the part's own groups); and the entries about ``users`` (its people) that lie on
        none of the site's objects but the site itself (``site_paths``: the empty path
        and the site's), such as their site-wide roles. A person's entries on objects
        elsewhere, and memberships of other groups, stay outside.
        """
        groups, site_paths = set(groups), set(site_paths)
        found = LLTreeSet()
        for key in self._by_action.get("group_membership") or ():
            if self._entries[key].details.get("group") in groups:
                found.insert(key)
        for user in set(users):
            for key in self._by_user.get(user) or ():
                entry = self._entries[key]
                if entry.action != "group_membership" and entry.path in site_paths:
                    found.insert(key)
        return multiunion([self._path_keys(path), found])

    def search(self, action=None, user=None, path=None, since=None, until=None, within=None):
        """Keys of the matching entries, newest first.

        ``action`` is an action id or a prefix ending in ``*`` ("transition:*"); ``user``
        matches who acted and whom an entry is about; ``path`` matches the object and
        everything below it; ``since``/``until`` are aware datetimes (both included);
        ``within``: only these keys (``scope_keys``).
        """
        low = to_key(since) if since is not None else None
        high = to_key(until) if until is not None else None
        sets = []
        if action:
            sets.append(self._action_keys(action))
        if user:
            sets.append(self._by_user.get(user) or LLSet())
        if path:
            sets.append(self._path_keys(path))
        if within is not None:
            sets.append(within)
        if not sets:
            keys = (self._entries if self._all is None else self._all).keys(low, high)
        else:
            result = sets[0]
            for other in sets[1:]:
                result = intersection(result, other)
            keys = result.keys(low, high)
        keys = list(keys)
        keys.reverse()
        return keys

    def query(self, start=0, size=25, **filters):
        """(total, entries) of one batch of ``search`` results, newest first."""
        keys = self.search(**filters)
        batch = keys[max(start, 0) : max(start, 0) + max(size, 0)]
        return len(keys), [self._entries[key] for key in batch]

    def entries(self, **filters):
        """All matching entries, newest first (a generator)."""
        for key in self.search(**filters):
            yield self._entries[key]


def csv_rows(entries):
    """Header and one row per entry, every cell neutralised."""
    yield list(FIELDS)
    for entry in entries:
        data = entry.as_json()
        data["details"] = json.dumps(data["details"], sort_keys=True, ensure_ascii=False)
        yield [neutralise(data[name]) for name in FIELDS]
