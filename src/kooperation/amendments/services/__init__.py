"""The REST services of amendments: one package per endpoint, its permission in ZCML."""
