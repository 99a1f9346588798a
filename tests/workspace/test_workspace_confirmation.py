"""The pure rule of who acts for a partner: proposal, confirmation, what counts."""

from datetime import date
from kooperation.workspace.confirmation import effective
from kooperation.workspace.confirmation import Grant
from kooperation.workspace.confirmation import pending

import pytest


D = date


@pytest.mark.parametrize(
    ("proposed", "confirmed", "counts", "waiting"),
    [
        # Never confirmed: nothing counts, everything granting waits.
        (Grant("anna", True, D(2020, 1, 1)), None, Grant(), ["user_id", "may_sign"]),
        # Confirmed as it stands: all counts, nothing waits.
        (Grant("anna"), Grant("anna"), Grant("anna"), []),
        # Another login proposed: the confirmed one is suspended too.
        (Grant("coord"), Grant("anna"), Grant(), ["user_id"]),
        # Login taken away: counts at once.
        (Grant(None), Grant("anna"), Grant(), []),
        # Authority to sign withdrawn: counts at once.
        (Grant("anna", False), Grant("anna", True), Grant("anna"), []),
        # A wider window waits; the confirmed part counts.
        (
            Grant("anna", True, D(2010, 1, 1), None),
            Grant("anna", True, D(2020, 1, 1), D(2030, 1, 1)),
            Grant("anna", True, D(2020, 1, 1), D(2030, 1, 1)),
            ["signing_window"],
        ),
        # A narrower window counts at once.
        (
            Grant("anna", True, D(2021, 1, 1), D(2022, 1, 1)),
            Grant("anna", True, D(2020, 1, 1), None),
            Grant("anna", True, D(2021, 1, 1), D(2022, 1, 1)),
            [],
        ),
        # Managing the partner's people needs a confirmed login too.
        (
            Grant("anna", partner_admin=True),
            Grant("anna", partner_admin=True),
            Grant("anna", partner_admin=True),
            [],
        ),
        (Grant(None, partner_admin=True), Grant(None, partner_admin=True), Grant(), []),
        (Grant("anna", partner_admin=True), Grant("anna"), Grant("anna"), ["partner_admin"]),
    ],
)
def test_what_counts_and_what_waits(proposed, confirmed, counts, waiting):
    assert effective(proposed, confirmed) == counts
    assert pending(proposed, confirmed) == waiting


def test_what_counts_never_exceeds_either_side():
    grants = [
        Grant(user, sign, start, end, admin)
        for user in (None, "a", "b")
        for sign in (False, True)
        for start in (None, D(2020, 1, 1))
        for end in (None, D(2025, 1, 1))
        for admin in (False, True)
    ]
    days = [D(2019, 6, 1), D(2022, 6, 1), D(2026, 6, 1)]
    for proposed in grants:
        for confirmed in grants:
            counts = effective(proposed, confirmed)
            for day in days:
                if counts.signs_on(day):
                    assert proposed.signs_on(day)
                    assert confirmed.signs_on(day)
            if counts.user_id:
                assert counts.user_id == proposed.user_id == confirmed.user_id
            assert not counts.partner_admin or (proposed.partner_admin and confirmed.partner_admin)
            # Confirming the proposal as it stands leaves nothing waiting.
            assert pending(proposed, proposed) == []


def test_a_grant_reads_an_entry_or_a_record():
    class Entry:
        user_id = " anna "
        may_sign = True
        signing_from = D(2020, 1, 1)
        signing_until = None
        partner_admin = False

    assert Grant.of(Entry()) == Grant("anna", True, D(2020, 1, 1))
    assert Grant.of({"user_id": "", "may_sign": True}) == Grant(None, True)
