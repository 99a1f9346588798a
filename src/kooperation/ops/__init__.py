"""Operations: the health check for load balancers, backups, packing, database checks
and structured logs. The pure parts (health verdict, backup plan, HAProxy config, JSON
log lines) have no Zope imports so they are unit tested on their own."""
