"""Plone's menus speak German for kooperation's workflows.

The toolbar's state menu, content_status_history and the types control panel translate
workflow, state and transition titles (and the transitions' menu labels) in the ``plone``
domain, so the add-on ships a ``plone`` catalog for them (locales/*/LC_MESSAGES/plone.po).
A title Plone translates itself must not clash: the first catalog registered wins.
"""

from pathlib import Path
from plone import api
from zope.i18n import translate

import pytest
import re


LOCALES = Path(__file__).resolve().parents[2] / "src" / "kooperation" / "locales"


def catalog(language):
    text = (LOCALES / language / "LC_MESSAGES" / "plone.po").read_text(encoding="utf-8")
    return {k: v for k, v in re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"', text, re.M) if k}


def workflow_titles(portal):
    """(where, English title) of every title a person sees for kooperation's workflows."""
    titles = []
    for workflow in api.portal.get_tool("portal_workflow").objectValues():
        wid = workflow.getId()
        if not wid.startswith("kooperation_"):
            continue
        titles.append((wid, workflow.title))
        for sid, state in workflow.states.objectItems():
            titles.append((f"{wid} state {sid}", state.title))
        for tid, transition in workflow.transitions.objectItems():
            titles.append((f"{wid} transition {tid}", transition.title))
            if transition.actbox_url:  # offered in the menu (not fired by the code alone)
                titles.append((f"{wid} transition {tid} (menu)", transition.actbox_name))
    return titles


class TestWorkflowTitles:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.titles = workflow_titles(portal)
        self.german = catalog("de")

    def test_every_workflow_is_there(self):
        assert len({where.split()[0] for where, _title in self.titles}) == 11
        assert all(title for _where, title in self.titles)

    def test_every_title_has_a_german_translation(self):
        missing = [(w, t) for w, t in self.titles if not self.german.get(t)]
        assert missing == []

    def test_the_german_translation_is_what_plone_shows(self):
        wrong = []
        for where, title in self.titles:
            shown = translate(title, domain="plone", target_language="de")
            if shown != self.german[title]:
                wrong.append((where, title, shown, self.german[title]))
        assert wrong == []

    def test_english_catalog_has_the_same_titles(self):
        english = catalog("en")
        assert set(english) == set(self.german)
        assert all(english[k] == k for k in english)

    def test_each_transition_says_what_it_does(self):
        shown = {
            where: translate(title, domain="plone", target_language="de")
            for where, title in self.titles
        }
        minutes = "kooperation_minutes_workflow transition"
        assert shown[f"{minutes} approve (menu)"] == "Protokoll genehmigen"
        assert shown[f"{minutes} publish (menu)"] == "Für Mitglieder veröffentlichen"
        registration = "kooperation_registration_workflow"
        assert shown[f"{registration} transition cancel (menu)"] == "Anmeldung stornieren"
        assert shown[f"{registration} state cancelled"] == "Storniert"
        assert shown["kooperation_agreement_workflow state in_force"] == "In Kraft"
        assert shown["kooperation_network_workflow state internal"] == "Intern"
