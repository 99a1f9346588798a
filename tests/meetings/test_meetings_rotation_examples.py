"""Worked examples of the rotation planner: seed 000's three partners, joins, leaves,
skips, swaps, duties set by the coordinator, held meetings, errors."""

from datetime import date
from datetime import timedelta
from kooperation.meetings.rotation import Assign
from kooperation.meetings.rotation import exception_from_json
from kooperation.meetings.rotation import exception_to_json
from kooperation.meetings.rotation import HeldMeeting
from kooperation.meetings.rotation import Member
from kooperation.meetings.rotation import plan
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.rotation import Skip
from kooperation.meetings.rotation import Swap

import pytest


JC, BFO, ZIB, STADT = "jobcenter", "bfo", "zib", "stadt"
# the Runder Tisch meets after each AK Soziales, about every six weeks
DATES = [date(2026, 1, 20) + timedelta(weeks=6 * i) for i in range(8)]


def table(result):
    """One row per meeting: the holders of topics, invitation, moderation, minutes."""
    return [tuple(a.partner for a in m.assignments) for m in result.meetings]


def reasons(result, day, duty):
    return [str(r) for r in result.meeting(day).assignment(duty).reasons]


class TestSeed:
    """Seed 000: three partners, four duties "immer im Wechsel"."""

    def test_eight_meetings(self):
        result = plan([JC, BFO, ZIB], DATES)
        cycle = [(JC, BFO, ZIB, JC), (BFO, ZIB, JC, BFO), (ZIB, JC, BFO, ZIB)]
        assert table(result) == (cycle * 3)[:8]

    def test_tally(self):
        result = plan([JC, BFO, ZIB], DATES)
        planned = {row.partner: row.planned for row in result.tally}
        assert planned[JC] == {"topics": 3, "invitation": 2, "moderation": 3, "minutes": 3}
        assert planned[BFO] == {"topics": 3, "invitation": 3, "moderation": 2, "minutes": 3}
        assert planned[ZIB] == {"topics": 2, "invitation": 3, "moderation": 3, "minutes": 2}
        assert sum(row.total() for row in result.tally) == 32

    def test_one_partner_takes_two_duties(self):
        """Four duties, three partners: each meeting one partner (in turn) takes two."""
        result = plan([JC, BFO, ZIB], DATES)
        doubles = [p for m in result.meetings for p in (JC, BFO, ZIB) if len(m.duties_of(p)) == 2]
        assert doubles == [JC, BFO, ZIB, JC, BFO, ZIB, JC, BFO]
        assert reasons(result, DATES[0], "minutes") == [
            "Fewer partners available than duties: a second duty.",
            "Next in turn.",
        ]

    def test_deterministic(self):
        assert plan([JC, BFO, ZIB], DATES) == plan([JC, BFO, ZIB], DATES)

    def test_json(self):
        data = plan([JC, BFO, ZIB], DATES[:1]).to_json()
        assert data["meetings"][0]["date"] == "2026-01-20"
        assert data["meetings"][0]["duties"][2] == {
            "duty": "moderation",
            "partner": ZIB,
            "reasons": [
                {
                    "msgid": "rotation_next_in_turn",
                    "default": "Next in turn.",
                    "mapping": {},
                    "text": "Next in turn.",
                }
            ],
        }
        assert data["tally"][0]["planned"]["topics"] == 1


class TestHistory:
    HELD = [
        # irregular: the Jobcenter took topics and invitation, ZIB minutes twice
        HeldMeeting(DATES[0], {"topics": JC, "invitation": JC, "moderation": BFO, "minutes": ZIB}),
        HeldMeeting(DATES[1], {"topics": BFO, "invitation": ZIB, "moderation": JC, "minutes": ZIB}),
    ]

    def test_held_meetings_are_kept_as_recorded(self):
        result = plan([JC, BFO, ZIB], DATES[2:5], history=self.HELD)
        assert [m.held for m in result.meetings] == [True, True, False, False, False]
        assert result.meetings[0].holders == self.HELD[0].holders
        assert result.meetings[1].holders == self.HELD[1].holders
        assert reasons(result, DATES[0], "topics") == ["As recorded for the held meeting."]

    def test_who_held_a_duty_least_goes_first(self):
        """Nobody but the Jobcenter prepared topics... ZIB never did, BFO never invited,
        ZIB never moderated, the Jobcenter never wrote the minutes."""
        result = plan([JC, BFO, ZIB], DATES[2:5], history=self.HELD)
        assert result.upcoming[0].holders == {
            "topics": ZIB,
            "invitation": BFO,
            "moderation": ZIB,
            "minutes": JC,
        }
        held = {row.partner: row.held for row in result.tally}
        assert held[ZIB] == {"topics": 0, "invitation": 1, "moderation": 0, "minutes": 2}

    def test_late_join_changes_only_the_future(self):
        before = plan([JC, BFO, ZIB, Member(STADT, until=date(2000, 1, 1))], [], history=self.HELD)
        late = plan([JC, BFO, ZIB, Member(STADT, since=DATES[1])], DATES[2:4], history=self.HELD)
        assert late.held == before.held
        assert STADT in late.upcoming[0].holders.values()

    def test_exceptions_for_held_meetings_are_ignored(self):
        skip = Skip(DATES[0], JC)
        result = plan([JC, BFO, ZIB], DATES[2:3], history=self.HELD, exceptions=[skip])
        assert result.meetings[0].holders == self.HELD[0].holders
        assert result.ignored == (skip,)

    def test_holders_of_old_duties_stay_in_the_record(self):
        held = [HeldMeeting(DATES[0], {"topics": JC, "room": BFO})]
        result = plan([JC, BFO, ZIB], [], history=held)
        assert result.meetings[0].holders["room"] == BFO
        assert "room" not in result.tally[0].held


class TestExceptions:
    def test_join(self):
        """Stadt Oberhausen joins at the fourth meeting: from then on everybody takes one
        duty per meeting, and the Stadt starts at the end of every queue."""
        result = plan([JC, BFO, ZIB, Member(STADT, since=DATES[3])], DATES)
        assert table(result)[3:] == [
            (JC, BFO, ZIB, STADT),
            (BFO, ZIB, STADT, JC),
            (ZIB, STADT, JC, BFO),
            (STADT, JC, BFO, ZIB),
            (JC, BFO, ZIB, STADT),
        ]
        assert result.tally_of(STADT).total() == 5

    def test_leave(self):
        """ZIB leaves after the fourth meeting (``until`` is its last day)."""
        result = plan([JC, BFO, Member(ZIB, until=DATES[3]), STADT], DATES)
        assert all(ZIB not in m.holders.values() for m in result.meetings[4:])
        assert result.tally_of(ZIB).total() == 4
        for m in result.meetings[4:]:
            assert sorted(len(m.duties_of(p)) for p in (JC, BFO, STADT)) == [1, 1, 2]

    def test_skip(self):
        result = plan([JC, BFO, ZIB], DATES[:5], exceptions=[Skip(DATES[1], ZIB)])
        assert ZIB not in result.meeting(DATES[1]).holders.values()
        assert reasons(result, DATES[1], "invitation") == [
            "Stands in for zib, who skips this meeting."
        ]
        # ZIB takes duties again at the next meeting and nobody is two turns ahead
        assert result.meeting(DATES[2]).duties_of(ZIB)
        for duty in result.duties:
            counts = [result.tally_of(p).total(duty) for p in (JC, BFO, ZIB)]
            assert max(counts) - min(counts) <= 1

    def test_swap(self):
        plain = plan([JC, BFO, ZIB], DATES[:2])
        result = plan([JC, BFO, ZIB], DATES[:2], exceptions=[Swap(DATES[1], BFO, ZIB)])
        assert plain.meetings[1].holders == {
            "topics": BFO,
            "invitation": ZIB,
            "moderation": JC,
            "minutes": BFO,
        }
        assert result.meetings[1].holders == {
            "topics": ZIB,
            "invitation": BFO,
            "moderation": JC,
            "minutes": ZIB,
        }
        assert reasons(result, DATES[1], "invitation") == ["Swapped with zib."]

    def test_set_by_the_coordinator(self):
        result = plan([JC, BFO, ZIB], DATES[:2], exceptions=[Assign(DATES[1], "moderation", BFO)])
        meeting = result.meetings[1]
        assert meeting.holder("moderation") == BFO
        assert reasons(result, DATES[1], "moderation") == ["Set by the coordinator."]
        assert sorted(len(meeting.duties_of(p)) for p in (JC, BFO, ZIB)) == [1, 1, 2]

    def test_nobody_available(self):
        result = plan([JC], DATES[:1], exceptions=[Skip(DATES[0], JC)])
        assert result.meetings[0].holders == dict.fromkeys(result.duties)
        assert reasons(result, DATES[0], "topics") == [
            "No member partner is available for this meeting."
        ]

    def test_custom_duties(self):
        result = plan(["a", "b", "c", "d", "e"], DATES[:6], duties=("x", "y"))
        assert table(result) == [
            ("a", "b"),
            ("b", "c"),
            ("c", "d"),
            ("d", "e"),
            ("e", "a"),
            ("a", "b"),
        ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"duties": ()}, "A meeting series needs at least one duty."),
        ({"duties": ("x", "x")}, "The duty x is listed twice."),
        ({"members": [""]}, "Give the partner of the series as a non-empty text."),
        (
            {"members": [Member(JC, since=date(2026, 2, 1), until=date(2026, 1, 1))]},
            "jobcenter: the membership ends (01.01.2026) before it begins (01.02.2026).",
        ),
        ({"dates": ["2026-01-20"]}, "'2026-01-20' is not a date."),
        ({"dates": [DATES[0], DATES[0]]}, "There are two meetings on 20.01.2026."),
        (
            {"dates": [DATES[0]], "history": [HeldMeeting(DATES[1], {})]},
            "The meeting on 20.01.2026 cannot be planned: it lies before the held meeting"
            " of 03.03.2026.",
        ),
        ({"exceptions": [Skip(DATES[0], "agentur")]}, "agentur is not a partner of this series."),
        (
            {"exceptions": [Assign(DATES[0], "catering", JC)]},
            "catering is not a duty of this series.",
        ),
        (
            {"exceptions": [Swap(DATES[0], JC, JC)]},
            "A partner cannot swap with itself (jobcenter, 20.01.2026).",
        ),
        (
            {"members": [JC, Member(BFO, since=DATES[1])], "exceptions": [Swap(DATES[0], JC, BFO)]},
            "bfo is not a member of the series on 20.01.2026.",
        ),
        (
            {"exceptions": [Skip(DATES[0], JC), Assign(DATES[0], "topics", JC)]},
            "jobcenter skips the meeting on 20.01.2026 and cannot take a duty at it.",
        ),
        (
            {"exceptions": [Assign(DATES[0], "topics", JC), Assign(DATES[0], "topics", BFO)]},
            "The duty topics on 20.01.2026 is set twice.",
        ),
        ({"exceptions": ["skip"]}, "'skip' is not a skip, swap or assignment."),
        ({"members": "jobcenter"}, "members must be a list, not 'jobcenter'."),
        ({"duties": "topics"}, "duties must be a list, not 'topics'."),
        ({"dates": DATES[0]}, "dates must be a list, not datetime.date(2026, 1, 20)."),
        ({"history": [(DATES[0], {})]}, "(datetime.date(2026, 1, 20), {}) is not a held meeting."),
        (
            {"history": [HeldMeeting(DATES[0], [("topics", JC)])]},
            "The duty holders of the meeting on 20.01.2026 must map duties to partners.",
        ),
    ],
)
def test_bad_input(kwargs, message):
    arguments = {"members": [JC, BFO, ZIB], "dates": DATES[:2], **kwargs}
    with pytest.raises(RotationError) as info:
        plan(arguments.pop("members"), arguments.pop("dates"), **arguments)
    assert str(info.value) == message
    assert info.value.msgid.startswith("error_rotation_")


class TestExceptionJson:
    @pytest.mark.parametrize(
        "item",
        [
            Skip(DATES[0], JC),
            Swap(DATES[1], BFO, ZIB),
            Assign(DATES[2], "minutes", STADT),
        ],
    )
    def test_round_trip(self, item):
        data = exception_to_json(item)
        assert data["date"] == item.day.isoformat()
        assert exception_from_json(data) == item

    @pytest.mark.parametrize(
        "data",
        [
            None,
            {"type": "holiday", "date": "2026-01-20"},
            {"type": "skip", "date": "2026-01-20"},
            {"type": "skip", "date": "2026-01-20", "partner": JC, "why": "Urlaub"},
            {"type": "swap", "date": "2026-01-20", "first": JC, "second": 3},
            {"type": "skip", "date": "20.01.2026", "partner": JC},
            {"type": "skip", "date": None, "partner": JC},
        ],
    )
    def test_bad_json(self, data):
        with pytest.raises(RotationError):
            exception_from_json(data)
