"""An HAProxy configuration for N instances on one RelStorage database.

HAProxy asks every instance ``GET /<site>/@@health`` each second and takes one out
after two failed checks (back after two good ones). Only connection failures are
retried on another instance (HAProxy's default ``retry-on conn-failure``): a request
that reached an instance is never sent twice, so a POST cannot be doubled.
"""

TEMPLATE = """\
# Written by `kooperation-admin haproxy-config`.
global
    maxconn 512
{global_extra}
defaults
    mode http
    option httplog
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout check 2s
    retries 2
    option redispatch

frontend kooperation
    bind {listen}
    default_backend zope

backend zope
    balance {balance}
    option httpchk
    http-check send meth GET uri /{site_id}/@@health
    http-check expect status 200
{servers}
"""


def render(backends, listen="127.0.0.1:80", site_id="Plone", balance="roundrobin", log=None):
    """The config text for ``backends`` ("host:port" each)."""
    if not backends:
        raise ValueError("at least one backend (host:port)")
    for backend in backends:
        host, _, port = backend.rpartition(":")
        if not host or not port.isdigit() or any(c.isspace() for c in backend):
            raise ValueError(f"not host:port: {backend!r}")
    servers = "\n".join(
        f"    server zope{i} {backend} check inter 1s fall 2 rise 2"
        for i, backend in enumerate(backends, start=1)
    )
    global_extra = f"    log {log} local0\n" if log else ""
    return TEMPLATE.format(
        listen=listen, site_id=site_id, balance=balance, servers=servers, global_extra=global_extra
    )
