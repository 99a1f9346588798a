"""The request/response examples of docs/api/, made by real calls against the demo site
(see conftest.py). Each test has a database of its own: what it writes is gone after it.

When an example changes on purpose: ``KOOPERATION_WRITE_API_EXAMPLES=1 make test-apidocs``
writes the files anew; check the diff in git before committing it.
"""

from mailbox_helpers import use_real_mailhost
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import base64
import pytest
import transaction


pytestmark = pytest.mark.slow

NET = "oberhausen"
AGREEMENT = "oberhausen/kooperationserklaerung-2015"
AMENDMENT_2 = f"{AGREEMENT}/2-aenderung-2026"
SERIES = "oberhausen/runder-tisch-arbeitsmarkt"
MEETING_NEXT = f"{SERIES}/2027-01-19"
MINUTES = f"{SERIES}/2026-11-10/protokoll"
WORKSHOP = "oberhausen/fortbildung-2027"
CONFERENCE = "oberhausen/jugendkonferenz-2027"
MEMBER = "weinheimer-initiative/kreis-offenbach"
ADMIN = SITE_OWNER_NAME  # the Zope root's admin of plone.app.testing (password "secret")
DAY = "2026-12-01"  # a fixed day in the past for the services that take ?date=
AGREEMENT_FIELDS = {
    "@id",
    "@type",
    "UID",
    "title",
    "review_state",
    "agreement_kind",
    "parties",
    "intended_parties",
    "area",
    "target_groups",
    "legal_bases",
    "text_date",
    "effective_rule",
    "effective_date",
    "initial_term",
    "end_date",
    "renewal_term",
    "notice_period",
    "notice_anchor",
    "written_form_amendments",
    "written_form_termination",
    "signatures",
}


# -- the network and its groups ------------------------------------------------------------


def test_network_and_groups(api_examples):
    keep = {"@id", "@type", "UID", "title", "review_state", "kooperation_groups"}
    api_examples("network-get", "GET", NET, user="koordination", keep=keep)
    # The published network without login: its JSON, without the groups.
    anonymous = api_examples(None, "GET", NET)
    assert anonymous.status_code == 200
    assert "kooperation_groups" not in anonymous.json()
    api_examples(
        "groups-add-member",
        "PATCH",
        "@groups/oberhausen-editors",
        user=ADMIN,
        body={"users": {"jobcenter-u25": True}},
    )
    response = api_examples(None, "GET", "@groups/oberhausen-editors", user=ADMIN)
    assert "jobcenter-u25" in str(response.json()["members"])


# -- agreements ----------------------------------------------------------------------------


def test_agreement_content(api_examples):
    api_examples(
        "agreement-get",
        "GET",
        AGREEMENT,
        user="koordination",
        keep=AGREEMENT_FIELDS,
    )
    parties = [api_examples.uid(f"{NET}/zib"), api_examples.uid(f"{NET}/bfo")]
    body = {
        "@type": "Agreement",
        "title": "Kooperationsvereinbarung Übergang Schule–Beruf",
        "agreement_kind": "vereinbarung",
        "parties": parties,
        "legal_bases": ["§ 13 SGB VIII"],
        "effective_rule": "fixed_date",
        "effective_date": "2027-01-01",
        "initial_term": {"value": 2, "unit": "years"},
        "renewal_term": {"value": 1, "unit": "years"},
        "notice_period": {"value": 3, "unit": "months"},
        "notice_anchor": "end_of_term",
        "written_form_termination": True,
    }
    response = api_examples(
        "agreement-post", "POST", NET, user="koordination", body=body, keep=AGREEMENT_FIELDS
    )
    assert response.status_code == 201, response.text
    bad = {**body, "title": "Falsch", "notice_period": {"value": 3, "unit": "Monate"}}
    response = api_examples("agreement-post-400", "POST", NET, user="koordination", body=bad)
    assert response.status_code == 400


def test_signatures(api_examples):
    response = api_examples(
        "signatures-get", "GET", f"{AGREEMENT}/@signatures", user="koordination"
    )
    assert response.status_code == 200
    api_examples("amendment-get", "GET", AMENDMENT_2, user="zib-leitung")
    body = {
        "signatory": api_examples.uid(f"{NET}/zib/leitung"),
        "date": "2026-12-01",
        "place": "Oberhausen",
    }
    response = api_examples(
        "signatures-post", "POST", f"{AMENDMENT_2}/@signatures", user="zib-leitung", body=body
    )
    assert response.status_code == 201, response.text
    response = api_examples(
        "signatures-post-409", "POST", f"{AGREEMENT}/@signatures", user="zib-leitung", body=body
    )
    assert response.status_code == 409
    response = api_examples("signatures-post-401", "POST", f"{AMENDMENT_2}/@signatures", body=body)
    assert response.status_code == 401
    api_examples("esignatures-get", "GET", f"{AMENDMENT_2}/@esignatures", user="koordination")
    pdf = {"data": base64.b64encode(b"%PDF-1.7").decode(), "filename": "unterschrieben.pdf"}
    response = api_examples(
        "esignatures-post-409",
        "POST",
        f"{AGREEMENT}/@esignatures",
        user="koordination",
        body={"file": pdf},
    )
    assert response.status_code == 409


def test_deadlines_and_text(api_examples):
    response = api_examples(
        "deadlines-get", "GET", f"{AGREEMENT}/@deadlines", user="koordination", params={"date": DAY}
    )
    assert response.status_code == 200
    response = api_examples(
        "deadlines-get-400",
        "GET",
        f"{AGREEMENT}/@deadlines",
        user="koordination",
        params={"date": "01.12.2026"},
    )
    assert response.status_code == 400
    response = api_examples(
        "text-get", "GET", f"{AGREEMENT}/@text", user="koordination", params={"date": DAY}
    )
    assert response.status_code == 200


def test_terminations(api_examples):
    api_examples("terminations-get", "GET", f"{AGREEMENT}/@terminations", user="koordination")
    body = {
        "kind": "notice",
        "party": api_examples.uid(f"{NET}/bfo"),
        "received_on": "2026-12-01",
        "written_form": True,
        "ends_for": "others_continue",
    }
    response = api_examples(
        "terminations-post",
        "POST",
        f"{AGREEMENT}/@terminations",
        user="koordination",
        body=body,
        mask={"deadlines"},  # today's; @deadlines shows them for a fixed day
    )
    assert response.status_code == 201, response.text
    notice = response.json()["id"]
    response = api_examples(
        "terminations-delete",
        "DELETE",
        f"{AGREEMENT}/@terminations/{notice}",
        user="koordination",
        body={"reason": "Versehentlich erfasst: die Kündigung galt einem anderen Vertrag."},
        mask={"deadlines"},
    )
    assert response.status_code == 200, response.text
    bad = {key: value for key, value in body.items() if key != "written_form"}
    response = api_examples(
        "terminations-post-400", "POST", f"{AGREEMENT}/@terminations", user="koordination", body=bad
    )
    assert response.status_code == 400
    response = api_examples(
        "terminations-post-401",
        "POST",
        f"{AGREEMENT}/@terminations",
        user="jobcenter-u25",
        body=body,
    )
    assert response.status_code in (401, 403)


def test_amendments_and_consents(api_examples):
    api_examples("amendments-get", "GET", f"{AGREEMENT}/@amendments", user="koordination")
    api_examples("redline-get", "GET", f"{AMENDMENT_2}/@redline", user="koordination")
    body = {
        "title": "3. Änderung: Auswertung im Herbst",
        "rationale": "Die Partner wollen die Zusammenarbeit jährlich auswerten.",
        "changes": [
            {
                "operation": "insert_after",
                "key": "IV",
                "html": "<h2>IV.a Auswertung</h2><p>Die Partner werten ihre Zusammenarbeit"
                " jedes Jahr im Herbst gemeinsam aus.</p>",
            }
        ],
        "rules": {"notice_period": {"value": 6, "unit": "months"}},
        "legal_bases_added": ["§ 16h SGB II"],
    }
    response = api_examples(
        "amendments-post", "POST", f"{AGREEMENT}/@amendments", user="koordination", body=body
    )
    assert response.status_code == 201, response.text
    amendment = response.json()["@id"].rsplit("/", 1)[-1]
    path = f"{AGREEMENT}/{amendment}"
    bad = {**body, "changes": [{"operation": "replace", "key": "XX", "html": "<p>x</p>"}]}
    response = api_examples(
        "amendments-post-400", "POST", f"{AGREEMENT}/@amendments", user="koordination", body=bad
    )
    assert response.status_code == 400
    response = api_examples(
        "workflow-post",
        "POST",
        f"{path}/@workflow/submit_for_consultation",
        user="koordination",
        body={"comment": "Bitte bis 20.12. zustimmen."},
    )
    assert response.status_code == 200, response.text
    consent = {"party": api_examples.uid(f"{NET}/zib"), "decision": "consent"}
    response = api_examples(
        "consents-post", "POST", f"{path}/@consents", user="zib-leitung", body=consent
    )
    assert response.status_code == 201, response.text
    other = {"party": api_examples.uid(f"{NET}/bfo"), "decision": "consent"}
    response = api_examples(
        "consents-post-400", "POST", f"{path}/@consents", user="zib-leitung", body=other
    )
    assert response.status_code == 400


# -- events --------------------------------------------------------------------------------


def test_registrations(api_examples):
    body = {
        "fullname": "Markus Beispiel",
        "email": "u25@jobcenter.example",
        "partner": api_examples.uid(f"{NET}/jobcenter-oberhausen"),
        "organisation": "Jobcenter Oberhausen",
        "dietary": "vegetarisch",
        "consent": True,
    }
    response = api_examples(
        "registrations-post", "POST", f"{WORKSHOP}/@registrations", user="jobcenter-u25", body=body
    )
    assert response.status_code == 201, response.text
    registration = response.json()["id"]
    response = api_examples(
        "registrations-post-409",
        "POST",
        f"{WORKSHOP}/@registrations",
        user="jobcenter-u25",
        body=body,
    )
    assert response.status_code == 409
    bad = {"fullname": "", "email": "keine-adresse", "consent": False}
    response = api_examples(
        "registrations-post-400", "POST", f"{WORKSHOP}/@registrations", user="redaktion", body=bad
    )
    assert response.status_code == 400
    api_examples(
        "registrations-get",
        "GET",
        f"{WORKSHOP}/@registrations",
        user="koordination",
        params={"b_size": 5},
    )
    response = api_examples(
        "registration-delete", "DELETE", f"{WORKSHOP}/{registration}", user="jobcenter-u25"
    )
    assert response.status_code == 200, response.text


def test_conference_decisions(api_examples):
    body = {
        "partner": api_examples.uid(f"{NET}/zib"),
        "decision": "consent",
        "note": "Wir stellen zwei Räume.",
    }
    response = api_examples(
        "conference-decisions-post",
        "POST",
        f"{CONFERENCE}/@conference-decisions",
        user="zib-leitung",
        body=body,
    )
    assert response.status_code == 201, response.text
    other = {**body, "partner": api_examples.uid(f"{NET}/bfo")}
    response = api_examples(
        "conference-decisions-post-403",
        "POST",
        f"{CONFERENCE}/@conference-decisions",
        user="zib-leitung",
        body=other,
    )
    assert response.status_code == 403


# -- meetings ------------------------------------------------------------------------------


def test_meetings(api_examples, inbox):
    api_examples(
        "rotation-get", "GET", f"{SERIES}/@rotation", user="koordination", params={"count": 2}
    )
    # A real MailHost that sends to a local SMTP server, with the demo's sender.
    with api.env.adopt_roles(["Manager"]):
        use_real_mailhost(api_examples.portal, inbox, "portal@kooperation-oberhausen.example")
    transaction.commit()
    response = api_examples(
        "send-invitation-post",
        "POST",
        f"{MEETING_NEXT}/@send-invitation",
        user="koordination",
        body={"note": "Bitte bringen Sie die Zahlen des 4. Quartals mit."},
        mask={"sent"},
    )
    assert response.status_code == 200, response.text
    response = api_examples(
        "send-invitation-post-403",
        "POST",
        f"{MEETING_NEXT}/@send-invitation",
        user="kreis-offenbach",
        body={},
    )
    assert response.status_code == 403
    body = {
        "reason": "Erledigt-Vermerk nachgetragen",
        "action_items": [{"index": 0, "done": True}],
    }
    response = api_examples(
        "correct-post", "POST", f"{MINUTES}/@correct", user="redaktion", body=body
    )
    assert response.status_code == 200, response.text
    response = api_examples(
        "correct-post-400", "POST", f"{MINUTES}/@correct", user="redaktion", body={"reason": ""}
    )
    assert response.status_code == 400
    api_examples("comments-get", "GET", f"{MINUTES}/@comments", user="koordination")


# -- members, workspace, privacy -----------------------------------------------------------


def test_places(api_examples):
    response = api_examples("places-get", "GET", f"{MEMBER}/@places", params={"date": "2018-11-15"})
    assert response.status_code == 200
    response = api_examples(
        "places-get-400", "GET", f"{MEMBER}/@places", params={"date": "31.11.2018"}
    )
    assert response.status_code == 400


def test_workspace(api_examples):
    person = f"{NET}/jobcenter-oberhausen/teamleitung-u25"
    api_examples("confirmation-get", "GET", f"{person}/@confirmation", user="jobcenter-gf")
    response = api_examples(
        "confirmation-post",
        "POST",
        f"{person}/@confirmation",
        user="jobcenter-gf",
        body={"note": "Geprüft anhand des Organigramms vom 01.12.2026."},
    )
    assert response.status_code == 200, response.text
    api_examples("handover-get", "GET", f"{person}/@handover", user="koordination")
    response = api_examples(
        "handover-post",
        "POST",
        f"{person}/@handover",
        user="koordination",
        body={"action": "leave", "date": "2026-12-31"},
    )
    assert response.status_code == 200, response.text
    response = api_examples(
        "handover-post-400",
        "POST",
        f"{person}/@handover",
        user="koordination",
        body={"action": "retire"},
    )
    assert response.status_code == 400
    response = api_examples("users-reset-password", "POST", "@users/jobcenter-u25/reset-password")
    assert response.status_code == 204


def test_personal_data_own(api_examples):
    response = api_examples(
        "personal-data-get", "GET", "@personal-data", user="jobcenter-u25", mask={"key"}
    )
    assert response.status_code == 200, response.text


def test_privacy(api_examples):
    response = api_examples(
        "personal-data-get-403", "GET", "@personal-data/koordination", user="jobcenter-u25"
    )
    assert response.status_code == 403
    response = api_examples(
        "personal-data-delete", "DELETE", "@personal-data/kreis-offenbach", user=ADMIN
    )
    assert response.status_code == 200, response.text


# -- audit log, dashboard and exports ------------------------------------------------------


def test_audit_log(api_examples):
    notice = {
        "kind": "notice",
        "party": api_examples.uid(f"{NET}/bfo"),
        "received_on": "2026-12-01",
        "written_form": True,
    }
    response = api_examples(
        None, "POST", f"{AGREEMENT}/@terminations", user="koordination", body=notice
    )
    assert response.status_code == 201, response.text
    response = api_examples(
        "audit-log-get",
        "GET",
        "@audit-log",
        user=ADMIN,
        params={"path": f"/{AGREEMENT}", "action": "notice*", "b_size": 2},
        mask={"key"},
    )
    assert response.status_code == 200, response.text
    response = api_examples(
        "audit-log-get-400", "GET", "@audit-log", user=ADMIN, params={"since": "gestern"}
    )
    assert response.status_code == 400
    response = api_examples("audit-log-get-401", "GET", "@audit-log")
    assert response.status_code == 401
    response = api_examples(
        "audit-log-csv",
        "GET",
        "@@audit-log",
        user=ADMIN,
        accept=None,
        params={"format": "csv", "path": f"/{AGREEMENT}", "action": "notice*"},
        lines=3,
    )
    assert response.status_code == 200


def test_dashboard_and_exports(api_examples):
    response = api_examples(
        "site-deadlines-get",
        "GET",
        "@deadlines",
        user="koordination",
        params={"start": DAY, "end": "2027-12-31", "b_size": 3},
    )
    assert response.status_code == 200, response.text
    response = api_examples(
        "site-deadlines-get-400",
        "GET",
        f"{NET}/@deadlines",
        user="koordination",
        params={"b_size": "viele"},
    )
    assert response.status_code == 400
    response = api_examples(
        "deadlines-ics",
        "GET",
        f"{NET}/@@deadlines.ics",
        user="koordination",
        accept=None,
        params={"months": 24},
        lines=12,
    )
    assert response.status_code == 200
    response = api_examples(
        "meeting-ics",
        "GET",
        f"{MEETING_NEXT}/@@ics_view",
        user="koordination",
        accept=None,
        lines=12,
    )
    assert response.status_code == 200
    for name, path in (
        ("agreement-pdf", f"{AGREEMENT}/@@pdf"),
        ("minutes-pdf", f"{MINUTES}/@@minutes-pdf"),
        ("attendance-list-pdf", f"{MEETING_NEXT}/@@attendance-list-pdf"),
    ):
        response = api_examples(name, "GET", path, user="koordination", accept=None)
        assert response.status_code == 200, (name, response.status_code)


# -- PDF import, operations ----------------------------------------------------------------


def test_import_agreement(api_examples):
    body = {"file": {"data": "kein base64!", "encoding": "base64", "filename": "vertrag.pdf"}}
    response = api_examples(
        "import-agreement-post-400",
        "POST",
        f"{NET}/@import-agreement",
        user="koordination",
        body=body,
    )
    assert response.status_code == 400
    text = base64.b64encode(b"Dies ist kein PDF.").decode()
    body = {"file": {"data": text, "encoding": "base64", "filename": "vertrag.pdf"}}
    response = api_examples(
        "import-agreement-post-422",
        "POST",
        f"{NET}/@import-agreement",
        user="koordination",
        body=body,
    )
    assert response.status_code == 422
    response = api_examples(
        "import-agreement-get-404", "GET", f"{AGREEMENT}/@import-agreement", user="koordination"
    )
    assert response.status_code == 404


def test_ops(api_examples):
    response = api_examples("health-get", "GET", "@health", mask={"ms"})
    assert response.status_code in (200, 503)
    response = api_examples("daily-get", "GET", "@kooperation-daily", user=ADMIN)
    assert response.status_code == 200
    response = api_examples(
        "daily-post-400", "POST", "@kooperation-daily", user=ADMIN, body={"site_url": "ftp://x"}
    )
    assert response.status_code == 400
    response = api_examples("daily-get-403", "GET", "@kooperation-daily", user="koordination")
    assert response.status_code == 403
