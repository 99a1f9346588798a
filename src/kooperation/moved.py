"""The old dotted names of modules that moved (issue 21: one capability, one folder).

The database stores content objects by their class's dotted name and directly provided
interfaces by theirs, so ``kooperation.content.agreement.Agreement`` must keep loading
after the class moved to ``kooperation.agreements.content.agreement``. The finder below
answers an import of an old name with the module under its new name: old pickles load,
and each object is written back under the new name when it next changes (upgrade 1004
does it for all of them and rewrites the types' ``klass``).
"""

import importlib
import importlib.abc
import importlib.util
import sys
import types


MOVED = {
    "kooperation.content.agreement": "kooperation.agreements.content.agreement",
    "kooperation.content.amendment": "kooperation.amendments.content.amendment",
    "kooperation.content.network": "kooperation.workspace.content.network",
    "kooperation.content.partner": "kooperation.workspace.content.partner",
    "kooperation.content.person": "kooperation.workspace.content.person",
    "kooperation.content.partner_area": "kooperation.workspace.content.partner_area",
    "kooperation.content.case_note": "kooperation.workspace.content.case_note",
    "kooperation.content.meeting": "kooperation.meetings.content.meeting",
    "kooperation.content.meeting_series": "kooperation.meetings.content.meeting_series",
    "kooperation.content.minutes": "kooperation.meetings.content.minutes",
    "kooperation.content.workshop": "kooperation.registrations.content.workshop",
    "kooperation.content.youth_conference": "kooperation.registrations.content.youth_conference",
    "kooperation.content.registration": "kooperation.registrations.content.registration",
    "kooperation.content.member": "kooperation.members.content.member",
    "kooperation.content.report": "kooperation.members.content.report",
    "kooperation.content.project": "kooperation.members.content.project",
    "kooperation.content.measure": "kooperation.members.content.measure",
    "kooperation.behaviors.validity": "kooperation.agreements.validity",
    # imported files provide IImportedPDF, stored on them by this name
    "kooperation.pdfimport.browser.importer": "kooperation.pdfimport.portal",
    # 1008: events/ and registration/ became one capability, registrations/
    "kooperation.events.content.workshop": "kooperation.registrations.content.workshop",
    "kooperation.events.content.youth_conference": (
        "kooperation.registrations.content.youth_conference"
    ),
    "kooperation.events.content.registration": "kooperation.registrations.content.registration",
    "kooperation.events.interfaces": "kooperation.registrations.interfaces",
    "kooperation.events.registrations": "kooperation.registrations.ledger",  # the seat ledger
    "kooperation.events.btrees": "kooperation.registrations.btrees",
    "kooperation.events.guard": "kooperation.registrations.guard",  # workflow guards
    "kooperation.events.easyform": "kooperation.registrations.easyform",
}
# The folders that are gone: empty packages, so that their old modules can be found.
GONE_PACKAGES = (
    "kooperation.content",
    "kooperation.behaviors",
    "kooperation.events",
    "kooperation.events.content",
)


class MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED or fullname in GONE_PACKAGES:
            return importlib.util.spec_from_loader(
                fullname, self, is_package=fullname in GONE_PACKAGES
            )
        return None

    def create_module(self, spec):
        if spec.name in GONE_PACKAGES:
            module = types.ModuleType(spec.name, "Moved into the capabilities (kooperation.moved).")
            module.__path__ = []
            return module
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module):
        """Nothing to run: the module is the one under its new name."""


def install():
    if not any(isinstance(finder, MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(MovedModules())
