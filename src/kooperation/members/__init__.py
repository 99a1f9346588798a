"""The members' area of an association of networks (issue 9), Plone side.

A member is a Network with the member profile behavior (``content/member.py``);
its reports, projects and measures live inside it. The figures come from the pure
core ``kooperation.members.reporting``; this package adapts it: catalog, vocabularies,
views, the ``@places`` service, the report reminder.
"""
