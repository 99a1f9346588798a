"""1008: ``events/`` and ``registration/`` became one capability, ``registrations/`` (issue 21).

The workshop, youth conference and registration classes, their marker interfaces, the
seat ledger and its wide trees moved from ``kooperation.events`` to
``kooperation.registrations``. Old names keep loading (``kooperation.moved``); this step
makes the site use the new ones: the types' ``klass`` and ``schema``, ``object_provides``
of the events reindexed (the catalog keeps interfaces by name), the registration
workflow's guard and the forms' action pointed at the new modules, and every object whose
record names an old module written again (``rewrite_moved``): the events, registrations,
seat ledgers, wide trees, and what holds them by their class (folders, integer ids).
"""

from Acquisition import aq_base
from kooperation import logger
from kooperation.registrations.easyform import FORM_ID
from kooperation.registrations.easyform import Register
from kooperation.upgrades import registration_events
from kooperation.upgrades import rewrite_moved
from plone import api
from Products.CMFCore.Expression import Expression


OLD = "kooperation.events."
NEW = "kooperation.registrations."
OLD_ACTION = "kooperation.events.easyform.Register"
WORKFLOW = "kooperation_registration_workflow"


def upgrade(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "typeinfo")
    guards = _workflow_guards()
    events = forms = 0
    for event in registration_events():
        form = event.get(FORM_ID) if FORM_ID in event.objectIds() else None
        model = getattr(aq_base(form), "actions_model", None) or ""
        if OLD_ACTION in model:
            form.actions_model = model.replace(OLD_ACTION, _dotted(Register))
            forms += 1
        event.reindexObject(idxs=["object_provides"])
        events += 1
    written = rewrite_moved(api.portal.get(), OLD.encode())
    logger.info(
        "1008: %s events reindexed, %s forms and %s workflow guards changed, %s objects written",
        events,
        forms,
        guards,
        written,
    )


def _dotted(cls):
    return f"{cls.__module__}.{cls.__name__}"


def _workflow_guards():
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW)
    count = 0
    for transition in workflow.transitions.objectValues() if workflow else ():
        guard = aq_base(transition).guard
        text = guard.getExprText() if guard is not None else ""
        if OLD in text:
            guard.expr = Expression(text.replace(OLD, NEW))  # a persistent Guard
            count += 1
    return count
