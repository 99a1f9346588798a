"""The append-only log without Zope: keys, filters, batches, immutability, concurrency."""

from datetime import datetime
from datetime import UTC
from kooperation.audit.log import AuditLog
from kooperation.audit.log import csv_rows
from kooperation.audit.log import to_key
from kooperation.common.csvsafe import neutralise

import dataclasses
import pytest
import transaction


T0 = to_key(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def log():
    log = AuditLog()
    log.append("sign", now_us=T0, user_id="petra", path="/plone/net/agreement", title="V")
    log.append("transition:publish", now_us=T0 + 10, user_id="admin", path="/plone/net")
    log.append("transition:cancel", now_us=T0 + 20, user_id="admin", path="/plone/net-2/x")
    log.append("group_membership", now_us=T0 + 30, user_id="admin", subject="petra")
    return log


class TestAppend:
    def test_keys_are_time_ordered_and_unique(self):
        log = AuditLog()
        first = log.append("a", now_us=T0)
        second = log.append("b", now_us=T0)  # same microsecond
        third = log.append("c", now_us=T0 - 5)  # a clock that went back
        assert (first.key, second.key, third.key) == (T0, T0 + 1, T0 + 2)
        assert len(log) == 3
        assert first.when == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def test_entry_as_json(self):
        entry = AuditLog().append(
            "sign", now_us=T0, user_id="petra", address="10.0.0.1", details={"date": "x"}
        )
        data = entry.as_json()
        assert data["when"] == "2026-03-01T12:00:00+00:00"
        assert data["user_id"] == "petra"
        assert data["address"] == "10.0.0.1"
        assert data["details"] == {"date": "x"}
        assert "details_json" not in data

    def test_unknown_field_and_missing_action(self):
        with pytest.raises(TypeError):
            AuditLog().append("sign", colour="blue")
        with pytest.raises(ValueError):
            AuditLog().append("")

    def test_oversized_details_are_truncated_not_lost(self):
        entry = AuditLog().append("x", details={"text": "a" * 10000})
        assert len(entry.details["truncated"]) == 4000

    def test_details_need_not_be_json(self):
        entry = AuditLog().append("x", details={"day": datetime(2026, 1, 2, tzinfo=UTC)})
        assert entry.details == {"day": "2026-01-02 00:00:00+00:00"}


class TestImmutable:
    def test_entries_are_frozen(self, log):
        entry = log.entries().__next__()
        with pytest.raises(dataclasses.FrozenInstanceError):
            entry.action = "nothing"
        entry.details["forged"] = True
        assert "forged" not in log.get(entry.key).details

    def test_no_api_changes_or_removes(self, log):
        public = {name for name in dir(log) if not name.startswith("_")}
        assert public == {"append", "get", "actions", "search", "scope_keys", "query", "entries"}
        with pytest.raises(TypeError):
            del log[T0]


class TestSearch:
    def actions(self, log, **filters):
        return [entry.action for entry in log.entries(**filters)]

    def test_newest_first(self, log):
        assert self.actions(log) == [
            "group_membership",
            "transition:cancel",
            "transition:publish",
            "sign",
        ]

    def test_action_exact_and_prefix(self, log):
        assert self.actions(log, action="sign") == ["sign"]
        assert self.actions(log, action="transition:*") == [
            "transition:cancel",
            "transition:publish",
        ]
        assert self.actions(log, action="unknown") == []

    def test_user_is_actor_or_subject(self, log):
        assert self.actions(log, user="petra") == ["group_membership", "sign"]

    def test_path_is_a_subtree_not_a_string_prefix(self, log):
        assert self.actions(log, path="/plone/net") == ["transition:publish", "sign"]
        assert self.actions(log, path="/plone/net/") == ["transition:publish", "sign"]
        assert self.actions(log, path="/plone/net-2") == ["transition:cancel"]

    def test_date_range_includes_both_ends(self, log):
        since = datetime.fromtimestamp((T0 + 10) / 1e6, tz=UTC)
        until = datetime.fromtimestamp((T0 + 20) / 1e6, tz=UTC)
        assert self.actions(log, since=since, until=until) == [
            "transition:cancel",
            "transition:publish",
        ]
        assert self.actions(log, since=since, user="admin", action="transition:*") == [
            "transition:cancel",
            "transition:publish",
        ]

    def test_batches(self, log):
        total, batch = log.query(start=1, size=2)
        assert total == 4
        assert [e.action for e in batch] == ["transition:cancel", "transition:publish"]
        assert log.query(start=10, size=2) == (4, [])


class TestCsv:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Vereinbarung = gut", "Vereinbarung = gut"),
            (None, ""),
        ],
    )
    def test_neutralise(self, value, expected):
        assert neutralise(value) == expected

    def test_rows(self):
        log = AuditLog()
        log.append("sign", now_us=T0, title="=cmd|' /C calc'!A0", details={"a": 1})
        header, row = list(csv_rows(log.entries()))
        assert header[0] == "when"
        assert header[-1] == "details"
        assert row[header.index("title")] == "'=cmd|' /C calc'!A0"
        assert row[header.index("details")] == '{"a": 1}'


class TestConcurrentWriters:
    """Two transactions append at once: distinct keys merge, the same key conflicts."""

    @pytest.fixture
    def db(self, tmp_path):
        from ZODB import DB
        from ZODB.FileStorage import FileStorage

        db = DB(FileStorage(str(tmp_path / "Data.fs")))
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        conn.root()["log"] = log = AuditLog()
        for i in range(5):
            log.append("sign", now_us=T0 + i, user_id="seed")
        tm.commit()
        conn.close()
        yield db
        db.close()

    def two_logs(self, db):
        pairs = []
        for _ in range(2):
            tm = transaction.TransactionManager()
            pairs.append((tm, db.open(transaction_manager=tm).root()["log"]))
        return pairs

    def test_distinct_keys_merge(self, db):
        (tm1, log1), (tm2, log2) = self.two_logs(db)
        log1.append("sign", now_us=T0 + 100, user_id="a")
        log2.append("sign", now_us=T0 + 200, user_id="b")
        tm1.commit()
        tm2.commit()
        tm = transaction.TransactionManager()
        log = db.open(transaction_manager=tm).root()["log"]
        assert len(log) == 7
        assert [e.user_id for e in log.entries(action="sign")][:3] == ["b", "a", "seed"]
        assert [e.user_id for e in log.entries(user="a")] == ["a"]

    def test_same_key_conflicts_so_zope_retries(self, db):
        from ZODB.POSException import ConflictError

        (tm1, log1), (tm2, log2) = self.two_logs(db)
        log1.append("sign", now_us=T0 + 100)
        log2.append("sign", now_us=T0 + 100)
        tm1.commit()
        with pytest.raises(ConflictError):
            tm2.commit()
        tm2.abort()
