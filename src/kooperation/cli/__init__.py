"""Command-line tools for admins: instance config, site creation, upgrades."""
