"""Every cell of the security matrix, checked through the real permission machinery."""

from kooperation.workspace import matrix
from plone import api
from probe import cell
from world import build
from world import PERSONAS


class TestSecurityMatrix:
    def test_every_cell(self, portal):
        objs = build(portal)
        mismatches = []
        for portal_type, state, sample, cells in matrix.MATRIX:
            obj = objs[sample]
            assert obj.portal_type == portal_type
            assert api.content.get_state(obj) == state
            for persona in PERSONAS:
                actual = cell(obj, persona)
                if actual != cells[persona]:
                    mismatches.append(
                        f"{sample} {state} {persona}: {actual!r} != {cells[persona]!r}"
                    )
        assert mismatches == []

    def test_registration_forms_show_what_their_event_shows(self, portal):
        """The form has no workflow: whoever may see (or change) the event may see (or
        change) its form, in every state, and nobody is offered a transition on it."""
        objs = build(portal)
        events = [objs[name] for name in objs if name.startswith(("workshop_", "conference_"))]
        assert len(events) == 11
        mismatches = []
        for event in events:
            form = event["anmeldung"]
            for persona in PERSONAS:
                form_cell = cell(form, persona).split()
                event_letters = cell(event, persona).split()[0]
                transitions = [word for word in form_cell[1:] if not word.startswith("+")]
                if form_cell[0] != event_letters or transitions:
                    mismatches.append(f"{event.getId()} {persona}: {form_cell} / {event_letters}")
        assert mismatches == []

    def test_matrix_covers_every_persona_and_state(self, portal):
        for _type, _state, _sample, cells in matrix.MATRIX:
            assert set(cells) == set(PERSONAS) == set(matrix.PERSONAS)
        wf = {
            (t, s)
            for t in (
                "Agreement",
                "Amendment",
                "Network",
                "Partner",
                "Person",
                "PartnerArea",
                "CaseNote",
                "MeetingSeries",
                "Meeting",
                "Minutes",
                "Workshop",
                "YouthConference",
                "Registration",
                "Report",
                "Project",
                "Measure",
            )
            for s in _states(t)
        }
        assert {(row[0], row[1]) for row in matrix.MATRIX} == wf

    def test_docs_are_rendered_from_the_table(self, repo):
        assert (repo / "docs" / "security.md").read_text() == matrix.render_markdown()


def _states(portal_type):
    wf_tool = api.portal.get_tool("portal_workflow")
    (wf,) = wf_tool.getWorkflowsFor(portal_type)
    return list(wf.states.objectIds())
