"""plone.restapi endpoints, one folder per endpoint."""
