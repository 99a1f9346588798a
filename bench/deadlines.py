"""GET @deadlines vs. a stock GET @search on the same site, at two sizes.

Builds a throw-away instance (FileStorage) with agreements spread over 50
networks, serves it with the real WSGI server, and measures medians of
interleaved requests. Prints the ratios the agreements issue asks for.
"""

from datetime import date
from datetime import timedelta
from pathlib import Path

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time


REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "tests"))
NETWORKS = 50
PASSWORD = "bench-admin"


def populate(instance, count, start_index):
    """Create agreements ``start_index`` .. ``count - 1`` in a child process (owns the DB)."""
    code = f"""
import random, transaction
from datetime import date, timedelta
from kooperation.cli.main import _open_app
from kooperation.deadlines import Period
from kooperation.agreements.validity import IValidityRules
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.status import enter_into_force_if_due
from plone import api
from zope.component.hooks import setSite

app = _open_app({str(instance)!r})
site = app["Plone"]
setSite(site)
random.seed({start_index})
with api.env.adopt_roles(["Manager"]):
    networks = []
    for n in range({NETWORKS}):
        nid = f"netz-{{n}}"
        if nid not in site:
            net = api.content.create(container=site, type="Network", id=nid, title=f"Netzwerk {{n}}")
            for p in range(3):
                partner = api.content.create(container=net, type="Partner", id=f"p{{p}}",
                                             title=f"Partner {{n}}-{{p}}", partner_kind="other",
                                             legal_spheres=[["SGB II"], ["SGB III"], ["SGB VIII"]][p])
                api.content.create(container=partner, type="Person", id="gf", title=f"GF {{n}}-{{p}}",
                                   may_sign=True, signing_from=date(2000, 1, 1))
        networks.append(site[nid])
    transaction.commit()
    for i in range({start_index}, {count}):
        net = networks[i % {NETWORKS}]
        parties = [net[f"p{{p}}"] for p in range(3)][: random.choice((2, 3))]
        signed = date(2012, 1, 1) + timedelta(days=random.randrange(5000))
        obj = api.content.create(container=net, type="Agreement", id=f"v{{i}}", title=f"Vereinbarung {{i}}",
                                 parties=[p.UID() for p in parties], text_date=signed)
        rules = IValidityRules(obj)
        rules.initial_term = Period(random.choice((1, 2)), "years")
        rules.renewal_term = Period(1, "years")
        rules.notice_period = Period(random.choice((3, 6)), "months")
        api.content.transition(obj=obj, transition="freeze_for_signature")
        for p in parties:
            record_signature(obj, p["gf"].UID(), signed, "admin", True, qes_reference="bench")
        enter_into_force_if_due(obj)
        if i % 250 == 0:
            transaction.commit()
            print("created", i, flush=True)
    transaction.commit()
app._p_jar.close()
"""
    subprocess.run([str(BIN / "python"), "-c", code], check=True, cwd=REPO)


def measure(url, paths, rounds):
    import requests

    session = requests.Session()
    session.auth = ("admin", PASSWORD)
    session.headers["Accept"] = "application/json"
    timings = {name: [] for name in paths}
    for name, path in paths.items():  # warm caches once
        response = session.get(url + path, timeout=120)
        response.raise_for_status()
        items = len(response.json()["items"])
        print(f"  {name}: {items} items, total {response.json().get('items_total')}")
    for _ in range(rounds):
        for name, path in paths.items():
            started = time.perf_counter()
            session.get(url + path, timeout=120).raise_for_status()
            timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def serve_and_measure(instance, rounds):
    from servers import free_port
    from servers import wait_for_http

    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "runwsgi"),
            str(instance / "etc" / "zope.ini"),
            "http_host=127.0.0.1",
            f"http_port={port}",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/Plone"
        wait_for_http(url, server)
        today = date.today()
        window = f"start={today.isoformat()}&end={(today + timedelta(days=365)).isoformat()}"
        return measure(
            url,
            {
                "@deadlines": f"/@deadlines?b_size=25&{window}",
                "@search": "/@search?portal_type=Agreement&b_size=25",
            },
            rounds,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="200 and 1,000 agreements")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    sizes = (200, 1000) if args.small else (1000, 10000)
    with tempfile.TemporaryDirectory(prefix="kooperation-bench-") as tmp:
        instance = Path(tmp) / "instance"
        env = dict(os.environ, ADMIN_PASSWORD=PASSWORD, STORAGE="filestorage")
        subprocess.run(
            [str(BIN / "kooperation-admin"), "write-config", "--instance", str(instance)],
            check=True,
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        for name in ("zope.ini", "site.zcml"):
            (instance / "etc" / name).write_text((REPO / "instance" / "etc" / name).read_text())
        subprocess.run(
            [
                str(BIN / "kooperation-admin"),
                "create-site",
                "--instance",
                str(instance),
                "--profile",
                str(REPO / "profiles" / "empty"),
            ],
            check=True,
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        results = {}
        created = 0
        for size in sizes:
            started = time.perf_counter()
            populate(instance, size, created)
            created = size
            print(f"{size} agreements ready in {time.perf_counter() - started:.0f} s")
            results[size] = serve_and_measure(instance, args.rounds)
            print(
                f"  median @deadlines {results[size]['@deadlines'] * 1000:.1f} ms, "
                f"@search {results[size]['@search'] * 1000:.1f} ms"
            )
    small, large = sizes
    print()
    for size in sizes:
        ratio = results[size]["@deadlines"] / results[size]["@search"]
        print(f"{size:>6} agreements: @deadlines / @search = {ratio:.2f} (target <= 1.5)")
    growth = results[large]["@deadlines"] / results[small]["@deadlines"]
    print(f"@deadlines at {large} / at {small} = {growth:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
