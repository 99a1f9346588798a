"""Issue 17: a public report's page, PDF and JSON agree on what an anonymous reader sees.

The rule: publishing a report publicly waits until every project and measure it links
is published (the report page says which are not); an item retracted later is left out
by page, PDF and JSON alike.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from plone import api
from plone.api.exc import InvalidParameterError
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter

import pytest


@pytest.fixture
def report(member, budget):
    with api.env.adopt_user(username="editor"):
        obj = api.content.create(
            container=member,
            type="Report",
            title="Bericht 4. Quartal 2018",
            year=2018,
            quarter=4,
            projects=[budget.UID()],
            measures=[m.UID() for m in budget.objectValues()],
        )
    with api.env.adopt_user(username="coordinator"):
        api.content.transition(obj=obj, transition="submit")
    return obj


def _transitions(obj):
    wf = api.portal.get_tool("portal_workflow")
    return [t["id"] for t in wf.getTransitionsFor(obj)]


def _as_anonymous(report, request):
    """Page, PDF and JSON of ``report`` as an anonymous visitor."""
    saved = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        page = getMultiAdapter((report, request), name="view")()
        pdf = getMultiAdapter((report, request), name="report.pdf")()
        data = getMultiAdapter((report, request), ISerializeToJson)()
    finally:
        setSecurityManager(saved)
    return page, pdf, data


def _publish(*objs):
    with api.env.adopt_user(username="coordinator"):
        for obj in objs:
            api.content.transition(obj=obj, transition="publish")


def test_publishing_waits_for_the_linked_project_and_measures(report, budget, portal):
    with api.env.adopt_user(username="coordinator"):
        assert "publish_public" not in _transitions(report)
        with pytest.raises(InvalidParameterError):
            api.content.transition(obj=report, transition="publish_public")
        portal.REQUEST["LANGUAGE"] = "de"
        page = getMultiAdapter((report, portal.REQUEST), name="view")()
    notice = page.split('id="report-publish-blocked"')[1].split("</div>")[0]
    assert budget.Title() in notice
    assert "Maßnahme 1" in notice
    _publish(budget, *budget.objectValues())
    with api.env.adopt_user(username="coordinator"):
        assert "publish_public" in _transitions(report)
        page = getMultiAdapter((report, portal.REQUEST), name="view")()
    assert 'id="report-publish-blocked"' not in page


def test_anonymous_page_pdf_and_json_agree(report, budget, portal):
    _publish(budget, *budget.objectValues())
    with api.env.adopt_user(username="coordinator"):
        api.content.transition(obj=report, transition="publish_public")
    page, pdf, data = _as_anonymous(report, portal.REQUEST)
    assert budget.Title() in page
    assert ">219<" in page  # the seed's places, computed from the linked measures
    assert pdf.startswith(b"%PDF")
    assert len(data["projects"]) == 1
    assert len(data["measures"]) == len(budget.objectValues())


def test_an_item_retracted_later_is_left_out_everywhere(report, budget, portal):
    _publish(budget, *budget.objectValues())
    with api.env.adopt_user(username="coordinator"):
        api.content.transition(obj=report, transition="publish_public")
        api.content.transition(obj=budget["m1"], transition="retract")
    page, pdf, data = _as_anonymous(report, portal.REQUEST)  # before: Unauthorized (login)
    assert pdf.startswith(b"%PDF")
    assert ">219<" not in page  # m1's places are no longer counted for the public
    assert budget["m1"].UID() not in str(data["measures"])
    assert len(data["measures"]) == len(budget.objectValues()) - 1
    with api.env.adopt_user(username="coordinator"):
        api.content.transition(obj=budget, transition="retract")
    page, pdf, data = _as_anonymous(report, portal.REQUEST)
    assert budget.Title() not in page.split('id="report-text"')[1]
    assert pdf.startswith(b"%PDF")
    assert data["projects"] == []
