"""The projects and measures of the member a report belongs to (UIDs)."""

from kooperation.common.network import network_of
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _below_network(context, portal_type):
    network = network_of(context)
    if network is None:
        return SimpleVocabulary([])
    brains = api.content.find(
        context=network, portal_type=portal_type, sort_on="sortable_title", unrestricted=False
    )
    return SimpleVocabulary([SimpleTerm(b.UID, b.UID, b.Title) for b in brains])


@provider(IVocabularyFactory)
def MemberProjectsFactory(context):
    return _below_network(context, "Project")


@provider(IVocabularyFactory)
def MemberMeasuresFactory(context):
    return _below_network(context, "Measure")
