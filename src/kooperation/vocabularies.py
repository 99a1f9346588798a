"""Vocabularies: fixed lists of the domain and the partners of a network."""

from Acquisition import aq_chain
from kooperation import _
from kooperation.common.network import network_of
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in items])


PARTNER_KINDS = _vocabulary(
    [
        ("jobcenter", _("kind_jobcenter", default="Jobcenter")),
        ("agentur", _("kind_agentur", default="Agentur für Arbeit")),
        ("jugendamt", _("kind_jugendamt", default="Youth welfare office (Jugendamt)")),
        ("freier_traeger", _("kind_freier_traeger", default="Independent provider")),
        ("schule", _("kind_schule", default="School")),
        ("kommune", _("kind_kommune", default="Municipality")),
        ("other", _("kind_other", default="Other")),
    ]
)

LEGAL_SPHERES = _vocabulary(
    [
        ("SGB II", _("sphere_sgb2", default="SGB II (basic income support)")),
        ("SGB III", _("sphere_sgb3", default="SGB III (employment promotion)")),
        ("SGB VIII", _("sphere_sgb8", default="SGB VIII (child and youth welfare)")),
        ("Schulrecht", _("sphere_school", default="School law")),
        ("other", _("sphere_other", default="Other")),
    ]
)

AGREEMENT_KINDS = _vocabulary(
    [
        ("vereinbarung", _("agreement_kind_agreement", default="Cooperation agreement")),
        ("erklaerung", _("agreement_kind_declaration", default="Cooperation declaration")),
        ("rahmen", _("agreement_kind_framework", default="Framework agreement")),
        ("ziel", _("agreement_kind_targets", default="Target agreement")),
        ("other", _("agreement_kind_other", default="Other")),
    ]
)

EFFECTIVE_RULES = _vocabulary(
    [
        ("on_signature", _("effective_on_signature", default="On the day the last party signs")),
        ("fixed_date", _("effective_fixed_date", default="On a fixed date (once all signed)")),
    ]
)

NOTICE_ANCHORS = _vocabulary(
    [
        ("end_of_term", _("anchor_end_of_term", default="to the end of the term")),
        ("end_of_year", _("anchor_end_of_year", default="to the end of a calendar year")),
        ("end_of_quarter", _("anchor_end_of_quarter", default="to the end of a quarter")),
        ("end_of_month", _("anchor_end_of_month", default="to the end of a month")),
    ]
)

SHARING_BASES = _vocabulary(
    [
        (
            "consent",
            _("sharing_consent", default="Consent of the young person (§ 67b SGB X)"),
        ),
        (
            "sgb_x_69",
            _("sharing_sgb_x_69", default="Transfer for a social task (§ 69 SGB X)"),
        ),
        (
            "sgb_viii_64",
            _("sharing_sgb_viii_64", default="Purpose of youth welfare (§ 64 SGB VIII)"),
        ),
    ]
)


def _static(vocabulary):
    @provider(IVocabularyFactory)
    def factory(context):
        return vocabulary

    return factory


PartnerKindsFactory = _static(PARTNER_KINDS)
LegalSpheresFactory = _static(LEGAL_SPHERES)
AgreementKindsFactory = _static(AGREEMENT_KINDS)
EffectiveRulesFactory = _static(EFFECTIVE_RULES)
NoticeAnchorsFactory = _static(NOTICE_ANCHORS)
SharingBasesFactory = _static(SHARING_BASES)


@provider(IVocabularyFactory)
def PartnersFactory(context):
    """The partners of the context's network, by UID (catalog, no objects woken)."""
    network = network_of(context)
    if network is None:
        return SimpleVocabulary([])
    brains = api.content.find(
        context=network,
        object_provides=IPartner.__identifier__,
        sort_on="sortable_title",
    )
    return SimpleVocabulary([SimpleTerm(brain.UID, brain.UID, brain.Title) for brain in brains])


@provider(IVocabularyFactory)
def PartnerPersonsFactory(context):
    """The persons of the context's partner (for a deputy)."""

    partner = next((obj for obj in aq_chain(context) if IPartner.providedBy(obj)), None)
    if partner is None:
        return SimpleVocabulary([])
    brains = api.content.find(
        context=partner, object_provides=IPerson.__identifier__, sort_on="sortable_title"
    )
    return SimpleVocabulary([SimpleTerm(b.UID, b.UID, b.Title) for b in brains])
