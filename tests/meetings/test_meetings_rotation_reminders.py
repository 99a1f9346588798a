"""Due dates of duties and the reminders of their holders (pure date arithmetic)."""

from datetime import date
from kooperation.meetings.rotation import plan
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.rotation.reminders import due_date
from kooperation.meetings.rotation.reminders import due_on
from kooperation.meetings.rotation.reminders import reminders
from kooperation.meetings.rotation.reminders import series_due

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


class TestSeriesDue:
    """The series sets the invitation lead and the minutes days; the rules take them as given."""

    def test_defaults(self):
        assert series_due() == {"invitation": -14, "minutes": 14}
        assert series_due(None, None) == series_due(14, 14)

    def test_custom_days_move_the_reminders(self):
        # Tuesday 03.03.2026: invitation 7 days before (Tuesday 24.02.), minutes 30 days
        # after (Thursday 02.04.), each reminded a week before.
        items = reminders(
            [(date(2026, 3, 3), {"invitation": "bfo", "minutes": "zib"})],
            due=series_due(invitation_days=7, minutes_days=30),
        )
        assert [(r.duty, r.partner, r.due, r.remind_from) for r in items] == [
            ("invitation", "bfo", date(2026, 2, 24), date(2026, 2, 17)),
            ("minutes", "zib", date(2026, 4, 2), date(2026, 3, 26)),
        ]
        # with 7 days nothing is due yet where the default of 14 would remind
        assert due_on(items, date(2026, 2, 13)) == ()
        default = reminders([(date(2026, 3, 3), {"invitation": "bfo"})], due=series_due())
        assert [r.due for r in due_on(default, date(2026, 2, 13))] == [date(2026, 2, 17)]

    def test_custom_days_skip_the_weekend(self):
        # Monday 02.03.2026, 9 days before is Saturday 21.02.: due on Friday 20.02.
        (item,) = reminders([(date(2026, 3, 2), {"invitation": "bfo"})], due=series_due(9, 14))
        assert item.due == date(2026, 2, 20)

    @pytest.mark.parametrize("days", [1, 90])
    def test_bounds_are_allowed(self, days):
        assert series_due(days, days) == {"invitation": -days, "minutes": days}

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"invitation_days": 0}, "invitation must be from 1 to 90 days, not 0."),
            ({"invitation_days": 91}, "invitation must be from 1 to 90 days, not 91."),
            ({"minutes_days": -3}, "minutes must be from 1 to 90 days, not -3."),
            ({"minutes_days": "7"}, "minutes must be a whole number of days, not '7'."),
            ({"invitation_days": True}, "invitation must be a whole number of days, not True."),
        ],
    )
    def test_bad_days(self, kwargs, message):
        with pytest.raises(RotationError) as info:
            series_due(**kwargs)
        assert str(info.value) == message
