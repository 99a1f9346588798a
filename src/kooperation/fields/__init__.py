"""Schema fields of kooperation (Period: 6 months, 1 year, ...)."""
