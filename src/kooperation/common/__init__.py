"""What several capabilities share: URL and e-mail checks, the REST write rules (CSRF,
body limits) and field types that use them. Imports no capability."""
