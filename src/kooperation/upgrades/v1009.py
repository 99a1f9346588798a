"""1009: each event's registration form shows what its event shows.

The forms had Plone's default workflow: a youth conference's form was published when the
conference was created, so anonymous visitors found it (and its title) while the
conference was still an idea; staff saw a workshop's form marked "Private". The forms
now have no workflow (``easyform.registration_form_chain``) and take their rights from
their event (``easyform.follow_event``).
"""

from kooperation import logger
from kooperation.registrations.easyform import follow_event
from kooperation.registrations.easyform import FORM_ID
from kooperation.registrations.interfaces import IRegistrationForm
from kooperation.upgrades import registration_events


def upgrade(setup):
    done = 0
    for event in registration_events():
        form = event._getOb(FORM_ID, None)
        if form is None or form.portal_type != "EasyForm" or IRegistrationForm.providedBy(form):
            continue
        follow_event(form)
        done += 1
    logger.info("1009: %d registration forms follow their event", done)
