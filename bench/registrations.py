"""Registrations under load against real Zope instances (runwsgi), over HTTP.

    .venv/bin/python bench/registrations.py                      # FileStorage and RelStorage
    .venv/bin/python bench/registrations.py --storage filestorage --clients 40 --seats 10
    .venv/bin/python bench/registrations.py --latency-only

1. ``--clients`` (200) threads register at once (a barrier) for an event of ``--seats`` (50)
   seats and a waiting list of the same size: exactly ``seats`` are confirmed, ``seats``
   wait at positions 1..n, the rest are refused with 409, none lost, none twice, no 5xx.
   Then 10 confirmed cancel (DELETE) and 10 from the waiting list move up.
   On RelStorage two instances share the PostgreSQL database and the clients alternate
   between them, so the seat ledger's conflicts cross processes.
2. Throughput and p95 latency of ``POST @registrations`` at 1, 8 and 32 clients
   (FileStorage, one instance; the event is large enough that nobody is refused), and the
   median against a stock ``POST`` of a Document measured in the same run.

Prints one JSON summary; exits 1 when a check of (1) fails. Needs PostgreSQL on
127.0.0.1:5432 (trust) for RelStorage, or KOOPERATION_TEST_PG_DSN (see crashdrill.pg_server).
"""

from crashdrill import drop_database
from crashdrill import free_port
from crashdrill import http
from crashdrill import make_site
from crashdrill import PASSWORD
from crashdrill import relstorage_pair
from crashdrill import Server
from pathlib import Path

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid


def make_event(url, event_id, seats, waiting):
    """A network with a workshop open for registration, through the REST API."""
    if http("GET", f"{url}/bench")[0] != 200:
        status, answer = http("POST", url, {"@type": "Network", "id": "bench", "title": "Bench"})
        assert status == 201, answer
    status, answer = http(
        "POST",
        f"{url}/bench",
        {
            "@type": "Workshop",
            "id": event_id,
            "title": f"Workshop {event_id}",
            "start": "2027-03-10T09:00:00+01:00",
            "end": "2027-03-10T17:00:00+01:00",
            "capacity": seats,
            "waiting_list": waiting,
            "retention_days": 30,
        },
    )
    assert status == 201, answer
    event = f"{url}/bench/{event_id}"
    status, answer = http("POST", f"{event}/@workflow/open_registration")
    assert status == 200, answer
    return f"bench/{event_id}"


def register_all(urls, path, clients, prefix):
    """``clients`` threads POST at once; returns [(status, answer, seconds)]."""
    barrier = threading.Barrier(clients)
    results = [None] * clients

    def one(i):
        base = urls[i % len(urls)]
        body = {"fullname": f"P {i}", "email": f"{prefix}-{i}@example.org", "consent": True}
        barrier.wait()
        started = time.monotonic()
        status, answer = http("POST", f"{base}/{path}/@registrations", body, timeout=300)
        results[i] = (status, answer, time.monotonic() - started)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def listing(url, path):
    status, answer = http("GET", f"{url}/{path}/@registrations?b_size=100000")
    assert status == 200, answer
    return answer


def overbooking_check(urls, clients, seats, label):
    """(1): the burst, then 10 cancellations; returns the summary with ``ok``."""
    path = make_event(urls[0], f"burst-{uuid.uuid4().hex[:6]}", seats, seats)
    started = time.monotonic()
    results = register_all(urls, path, clients, label)
    seconds = time.monotonic() - started
    statuses = [r[0] for r in results]
    created = [r[1] for r in results if r[0] == 201]
    refused = [r[1] for r in results if r[0] == 409]
    confirmed = [a for a in created if a["state"] == "confirmed"]
    waiting = sorted(a["position"] for a in created if a["state"] == "waiting")
    stored = listing(urls[-1], path)
    ids = [item["id"] for item in stored["items"]]
    summary = {
        "storage": label,
        "instances": len(urls),
        "clients": clients,
        "seats": seats,
        "seconds": round(seconds, 2),
        "confirmed": len(confirmed),
        "waiting": len(waiting),
        "refused_409": len(refused),
        "server_errors": sum(1 for s in statuses if s >= 500 or s == 0),
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "stored": len(ids),
        "stored_twice": len(ids) - len(set(ids)),
        "waiting_positions_1_to_n": waiting == list(range(1, seats + 1)),
    }
    expected_refused = max(0, clients - 2 * seats)
    ok = (
        summary["confirmed"] == min(seats, clients)
        and summary["waiting"] == min(seats, max(0, clients - seats))
        and summary["refused_409"] == expected_refused
        and summary["server_errors"] == 0
        and summary["stored"] == len(created)
        and summary["stored_twice"] == 0
        and stored["counts"]["by_state"]["confirmed"] == len(confirmed)
    )
    # Cancel 10 confirmed: 10 move up from the waiting list, in order.
    cancelled = confirmed[:10]
    promoted = []
    for answer in cancelled:
        status, result = http("DELETE", answer["@id"])
        ok = ok and status == 200
        promoted += result.get("promoted", []) if isinstance(result, dict) else []
    after = listing(urls[0], path)
    on_the_list = sorted(
        (a for a in created if a["state"] == "waiting"), key=lambda a: a["position"]
    )
    first_ten = [a["id"] for a in on_the_list[: len(cancelled)]]
    positions = sorted(i["position"] for i in after["items"] if i["state"] == "waiting")
    summary.update(
        cancelled=len(cancelled),
        promoted=len(promoted),
        promoted_were_first_on_the_list=promoted == first_ten,
        after_cancel=after["counts"]["by_state"],
        waiting_renumbered=positions == list(range(1, len(positions) + 1)),
    )
    ok = (
        ok
        and len(promoted) == len(cancelled)
        and summary["promoted_were_first_on_the_list"]
        and after["counts"]["by_state"]["confirmed"] == len(confirmed)
        and summary["waiting_renumbered"]
    )
    summary["ok"] = bool(ok)
    return summary


def latency(url, levels=(1, 8, 32), per_client=8):
    """(2): throughput and p95 at each level of concurrent clients."""
    rows = []
    for clients in levels:
        n = clients * per_client
        path = make_event(url, f"lat-{clients}-{uuid.uuid4().hex[:6]}", n, 0)
        times = []
        lock = threading.Lock()
        errors = [0]

        def client(i, path=path, times=times, lock=lock, errors=errors):
            for k in range(per_client):
                body = {"fullname": "L", "email": f"l{i}-{k}@example.org", "consent": True}
                started = time.monotonic()
                status, _ = http("POST", f"{url}/{path}/@registrations", body, timeout=300)
                with lock:
                    times.append(time.monotonic() - started)
                    errors[0] += status != 201

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        times.sort()
        rows.append(
            {
                "clients": clients,
                "registrations": n,
                "per_second": round(n / elapsed, 1),
                "p50_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
                "errors": errors[0],
            }
        )
    base = rows[0]["per_second"]
    document = document_baseline(url)
    for row in rows:
        row["throughput_vs_1_client"] = round(row["per_second"] / base, 2)
        row["p50_vs_stock_document_post"] = round(row["p50_ms"] / document, 2)
    return {"stock_document_post_p50_ms": document, "levels": rows}


def document_baseline(url, n=20):
    """Median ms of a stock ``POST`` creating a Document, one client: the baseline."""
    times = []
    for i in range(n):
        started = time.monotonic()
        status, _ = http("POST", f"{url}/bench", {"@type": "Document", "title": f"Seite {i}"})
        times.append(time.monotonic() - started)
        assert status == 201
    return round(statistics.median(times) * 1000, 1)


def with_filestorage(workdir, action):
    env = dict(os.environ, ADMIN_PASSWORD=PASSWORD, MAKEFLAGS="")
    env.pop("STORAGE", None)
    instance = workdir / "fs"
    make_site(instance, env)
    server = Server(instance, free_port(), env)
    try:
        server.start()
        return action([server.url])
    finally:
        server.stop()


def with_relstorage(workdir, action):
    database, _env, one, two = relstorage_pair(workdir, "kooperation_bench", names=("rs1", "rs2"))
    try:
        one.start()
        two.start()
        return action([one.url, two.url])
    finally:
        one.stop()
        two.stop()
        drop_database(database)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--storage", choices=("both", "filestorage", "relstorage"), default="both")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--latency-only", action="store_true")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--workdir")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="registrations-"))
    summary = {"burst": []}

    def filestorage(urls):
        if not args.latency_only:
            summary["burst"].append(
                overbooking_check(urls, args.clients, args.seats, "filestorage")
            )
        if not args.no_latency:
            summary["latency_filestorage"] = latency(urls[0])

    if args.storage in ("both", "filestorage"):
        with_filestorage(workdir, filestorage)
    if args.storage in ("both", "relstorage") and not args.latency_only:
        with_relstorage(
            workdir,
            lambda urls: summary["burst"].append(
                overbooking_check(urls, args.clients, args.seats, "relstorage")
            ),
        )
    summary["ok"] = all(b["ok"] for b in summary["burst"])
    print(json.dumps(summary, indent=2))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
