"""The REST services of events: one package per endpoint, its permission in ZCML."""
