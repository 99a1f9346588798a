"""Due dates of duties and the reminders of their holders (pure date arithmetic)."""

from datetime import date
from kooperation.rotation import plan
from kooperation.rotation import RotationError
from kooperation.rotation.reminders import due_date
from kooperation.rotation.reminders import due_on
from kooperation.rotation.reminders import reminders

import pytest


@pytest.mark.parametrize(
    ("meeting", "offset", "due", "why"),
    [
        (date(2026, 3, 3), -14, date(2026, 2, 17), "Tuesday minus two weeks: a Tuesday"),
        (date(2026, 3, 1), -14, date(2026, 2, 13), "a Sunday two weeks before: Friday before"),
        (date(2026, 3, 3), 4, date(2026, 3, 9), "Saturday after the meeting: the Monday after"),
        (date(2026, 3, 3), 0, date(2026, 3, 3), "on the day"),
        (date(2026, 3, 2), -1, date(2026, 2, 27), "the Sunday before a Monday: Friday"),
        (date(2026, 12, 22), 14, date(2027, 1, 5), "across the year"),
    ],
)
def test_due_date(meeting, offset, due, why):
    assert due_date(meeting, offset) == due, why


def test_due_date_on_a_weekend_when_asked():
    assert due_date(date(2026, 3, 1), -14, skip_weekend=False) == date(2026, 2, 15)


class TestReminders:
    def test_from_a_plan(self):
        result = plan(["jobcenter", "bfo", "zib"], [date(2026, 3, 3)])
        items = reminders(result.upcoming, due={"invitation": -14, "minutes": 7})
        assert [(r.duty, r.partner, r.due, r.remind_from) for r in items] == [
            ("invitation", "bfo", date(2026, 2, 17), date(2026, 2, 10)),
            ("minutes", "jobcenter", date(2026, 3, 10), date(2026, 3, 3)),
        ]
        assert items[0].key == "2026-03-03/invitation"
        assert items[0].to_json()["due"] == "2026-02-17"

    def test_default_rules_and_pairs(self):
        items = reminders([(date(2026, 3, 3), {"topics": "a", "moderation": "b", "minutes": None})])
        # moderation has no due rule, the minutes have no holder
        assert [(r.duty, r.due) for r in items] == [("topics", date(2026, 2, 10))]

    def test_due_on(self):
        items = reminders([(date(2026, 3, 3), {"invitation": "bfo"})], remind_days=3)
        assert due_on(items, date(2026, 2, 13)) == ()
        assert due_on(items, date(2026, 2, 14)) == items
        assert due_on(items, date(2026, 2, 17)) == items
        assert due_on(items, date(2026, 2, 18)) == ()
        assert due_on(items, date(2026, 2, 18), include_overdue=True) == items

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"due": {"invitation": "14"}}, "invitation must be a whole number of days, not '14'."),
            ({"remind_days": -1}, "remind_days must be a whole number of days, not -1."),
            ({"remind_days": 1.5}, "remind_days must be a whole number of days, not 1.5."),
        ],
    )
    def test_bad_rules(self, kwargs, message):
        with pytest.raises(RotationError) as info:
            reminders([(date(2026, 3, 3), {"invitation": "bfo"})], **kwargs)
        assert str(info.value) == message

    def test_bad_meeting(self):
        with pytest.raises(RotationError):
            reminders([("2026-03-03", {"invitation": "bfo"})])
