"""Views of amendments: redline, consolidated text on a day, list, PDFs; notices; daily job."""

from amendments_helpers import add_amendment
from amendments_helpers import sign
from amendments_helpers import to_signature
from amendments_helpers import uid
from amendments_scenario import FIRST
from amendments_scenario import SECOND
from datetime import date
from kooperation.agreements.deadlines import deadlines_for
from kooperation.amendments.terminations import record_cancellation
from kooperation.amendments.terminations import record_notice
from kooperation.common.errors import KooperationError
from plone import api

import pytest


ALL3 = ("jobcenter", "bfo", "zib")


def view(obj, name, **form):
    request = obj.REQUEST
    request.form.update(form)
    request.set("LANGUAGE", "de")
    return api.content.get_view(name=name, context=obj, request=request)


@pytest.fixture
def amended(agreement, network):
    one = to_signature(
        add_amendment(
            agreement,
            id="aenderung-1",
            title="1. Änderung",
            changes=[c.to_json() for c in FIRST.changes],
        )
    )
    sign(one, network, ALL3, date(2016, 3, 1))
    two = to_signature(
        add_amendment(
            agreement,
            id="aenderung-2",
            title="2. Änderung",
            changes=[c.to_json() for c in SECOND.changes],
            parties_joining=[uid(network, "stadt")],
            rules={"notice_period": {"value": 3, "unit": "months"}},
        )
    )
    sign(two, network, ("jobcenter", "bfo", "zib"), date(2016, 12, 12))
    return agreement, one, two


class TestViews:
    def test_redline_of_each_amendment(self, amended):
        _agreement, one, two = amended
        html = view(one, "view")()
        assert "<del>" in html
        assert "jährlichen gemeinsamen Bericht" in html
        redline = view(two, "view").redline()
        assert "drei Monate" in redline
        assert "halbes Jahr" in redline  # the old wording, struck through
        assert 'data-key="VIII"' in redline

    def test_a_missing_signature_is_shown(self, amended):
        _agreement, _one, two = amended
        assert api.content.get_state(two) == "for_signature"
        assert view(two, "view").missing() == ["Stadt Oberhausen"]
        listing = view(_agreement, "amendments")()
        assert "Stadt Oberhausen" in listing

    def test_text_as_of_a_date(self, amended):
        agreement, _one, _two = amended
        page = view(agreement, "text", date="2016-02-01")()
        assert "halbes Jahr" in page
        assert "jährlichen gemeinsamen Bericht" not in page
        page = view(agreement, "text", date="2016-03-01")()
        assert "jährlichen gemeinsamen Bericht" in page
        assert "Fassung vom 01.03.2016, zuletzt geändert durch 1. Änderung" in page

    def test_text_before_entry_into_force_says_why(self, amended):
        agreement, _one, _two = amended
        page = view(agreement, "text", date="2015-01-01")()
        assert 'id="text-error"' in page
        assert "20.05.2015" in page

    def test_agreement_view_names_the_last_amendment(self, amended):
        agreement, _one, _two = amended
        assert view(agreement, "view").stand().startswith("Fassung vom 01.03.2016")

    def test_pdfs_for_signing(self, amended):
        agreement, _one, two = amended
        data = view(two, "pdf")()
        assert data.startswith(b"%PDF")
        assert agreement.REQUEST.response.getHeader("Content-Type") == "application/pdf"
        assert view(agreement, "pdf")().startswith(b"%PDF")

    def test_the_agreement_pdf_says_which_text_it_prints(self, amended):
        """Issue 17: no "Stand: 20.05.2015" of the original beside the amended version."""
        from io import BytesIO
        from pdfminer.high_level import extract_text

        agreement, _one, _two = amended
        text = " ".join(extract_text(BytesIO(view(agreement, "pdf")())).split())
        head = text.split("Vertragsparteien")[0]  # title block (the text has its own Stand)
        assert "Stand:" not in head
        assert "Fassung vom 01.03.2016" in head
        assert "zuletzt geändert durch 1. Änderung" in head


class TestNotices:
    def test_a_late_notice_moves_the_end_by_one_term(self, agreement, network):
        record = record_notice(agreement, uid(network, "bfo"), date(2015, 11, 20), True)
        assert record["end"] == date(2017, 5, 19)
        assert not record["timely"]
        assert api.content.get_state(agreement) == "ended"  # 2017 lies in the past

    def test_a_notice_without_written_form_changes_nothing(self, agreement, network):
        before = deadlines_for(agreement, date(2015, 12, 1))
        record = record_notice(agreement, uid(network, "bfo"), date(2015, 10, 1), False)
        assert not record["effective"]
        assert api.content.get_state(agreement) == "in_force"
        after = deadlines_for(agreement, date(2015, 12, 1))
        assert after.next_renewal == before.next_renewal
        assert after.final_end is None

    def test_deadlines_reflect_a_notice_at_once(self, agreement, network):
        with api.env.adopt_roles(["Manager"]):
            record_notice(agreement, uid(network, "bfo"), date(2015, 10, 1), True)
        result = deadlines_for(agreement, date(2015, 12, 1))
        assert result.final_end == date(2016, 5, 19)
        assert result.next_renewal is None

    def test_a_notice_by_a_non_party_is_refused(self, agreement, network):
        with pytest.raises(KooperationError) as info:
            record_notice(agreement, uid(network, "stadt"), date(2015, 10, 1), True)
        assert info.value.field == "party"

    def test_others_continue_keeps_it_in_force(self, agreement, network):
        record = record_notice(
            agreement, uid(network, "zib"), date(2015, 10, 1), True, "others_continue"
        )
        assert record["effective"]
        assert api.content.get_state(agreement) == "in_force"

    def test_mutual_cancellation(self, agreement):
        record_cancellation(agreement, date(2015, 9, 1), date(2015, 12, 31))
        assert api.content.get_state(agreement) == "ended"
        assert deadlines_for(agreement, date(2015, 10, 1)).final_end == date(2015, 12, 31)


def test_daily_job_applies_due_amendments(agreement, network):
    from kooperation.jobs.daily import run_daily

    one = add_amendment(
        agreement,
        id="a1",
        title="1. Änderung",
        changes=[c.to_json() for c in FIRST.changes],
        effective_rule="fixed_date",
        fixed_date=date.today(),
    )
    to_signature(one)
    one.fixed_date = date(2099, 1, 1)  # agreed for later; the job applies it on the day
    sign(one, network, ALL3, date(2016, 3, 1))
    assert one.applied_on is None
    one.effective_on = date.today()
    summary = run_daily(today=date.today())
    assert summary["errors"] == []
    assert one.applied_on == date.today()
    assert "jährlichen gemeinsamen Bericht" in agreement.text.raw
