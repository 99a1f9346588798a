"""Behaviors of kooperation."""
