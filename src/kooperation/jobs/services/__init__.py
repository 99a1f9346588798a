"""The REST services of jobs: one package per endpoint, its permission in ZCML."""
