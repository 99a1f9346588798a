"""The REST services of registrations: one package per endpoint, its permission in ZCML."""
