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
   A quarter of the clients register for a partner whose quota is a fifth of the seats
   (the rest of its people wait): its seats never exceed the quota. Every client told
   "waiting, place p" holds place p in the stored list.
2. Throughput and p95 latency of ``POST @registrations`` at 1, 8 and 32 clients
   (FileStorage, one instance; the event is large enough that nobody is refused), and the
   median against a stock ``POST`` of a Document measured in the same run. On RelStorage,
   32 clients against one instance and against two on the same database: the ratio.
3. ``--kill``: the burst of (1) again, and one instance is killed (SIGKILL) in the middle
   of it. Its clients go to the other instance (RelStorage) or wait for the restart
   (FileStorage), as a load balancer would send them: every registration answered 201 is
   stored, no address holds two, the seats, the quota and the waiting places 1..n hold,
   and 10 cancellations promote the first 10 on the list.

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
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid


def partner(url):
    """The UID of the bench network's partner (made once)."""
    status, answer = http("GET", f"{url}/bench/jobcenter")
    if status != 200:
        status, answer = http(
            "POST",
            f"{url}/bench",
            {"@type": "Partner", "id": "jobcenter", "title": "Jobcenter", "partner_kind": "other"},
        )
        assert status == 201, answer
    return answer["UID"]


def make_event(url, event_id, seats, waiting, quota=None):
    """A network with a workshop open for registration, through the REST API; ``quota``:
    seats of the network's partner (the others of it wait)."""
    if http("GET", f"{url}/bench")[0] != 200:
        status, answer = http("POST", url, {"@type": "Network", "id": "bench", "title": "Bench"})
        assert status == 201, answer
    extra = {}
    if quota is not None:
        extra = {"quotas": {partner(url): quota}, "quota_full": "wait"}
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
            **extra,
        },
    )
    assert status == 201, answer
    event = f"{url}/bench/{event_id}"
    status, answer = http("POST", f"{event}/@workflow/open_registration")
    assert status == 200, answer
    return f"bench/{event_id}"


def register_all(urls, path, clients, prefix, uid=None, failover=None):
    """``clients`` threads POST at once; returns [(status, answer, seconds)]. Every fourth
    registers for the partner ``uid``. ``failover(i, attempt)``: the URL to try again when
    no answer came (a killed instance), else None."""
    barrier = threading.Barrier(clients)
    results = [None] * clients

    def one(i):
        base = urls[i % len(urls)]
        body = {"fullname": f"P {i}", "email": f"{prefix}-{i}@example.org", "consent": True}
        if uid and i % 4 == 0:
            body["partner"] = uid
        barrier.wait()
        started = time.monotonic()
        attempt = 0
        while True:
            status, answer = http("POST", f"{base}/{path}/@registrations", body, timeout=300)
            attempt += 1
            if status not in (0, 502, 503) or failover is None:
                break
            base = failover(i, attempt)
            if base is None:
                break
        results[i] = (status, answer, time.monotonic() - started)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def listing(url, path):
    """All registrations of the event (pages of 200, the service's largest)."""
    items, start = [], 0
    while True:
        status, answer = http("GET", f"{url}/{path}/@registrations?b_size=200&b_start={start}")
        assert status == 200, answer
        items += answer["items"]
        start += 200
        if start >= answer["items_total"]:
            answer["items"] = items
            return answer


def overbooking_check(urls, clients, seats, label, kill=None):
    """(1), or with ``kill`` (``(servers, restart)``) (3): the burst, then 10 cancellations;
    returns the summary with ``ok``."""
    quota = max(1, seats // 5)
    path = make_event(urls[0], f"burst-{uuid.uuid4().hex[:6]}", seats, seats, quota=quota)
    uid = partner(urls[0])
    failover = None
    if kill:
        servers, restart = kill
        down = threading.Event()

        def failover(i, attempt):
            if attempt > 60:
                return None
            if len(urls) == 1:  # FileStorage: wait for the restart
                time.sleep(0.5)
                return urls[0]
            return urls[(i + attempt) % len(urls)] if not down.is_set() else urls[-1]

        def killer():
            time.sleep(random.uniform(0.3, 1.2))
            down.set()
            servers[0].kill()
            if restart:
                servers[0].start()

        threading.Thread(target=killer, daemon=True).start()
    started = time.monotonic()
    results = register_all(urls, path, clients, label, uid=uid, failover=failover)
    seconds = time.monotonic() - started
    if kill and kill[1] is False:  # RelStorage: the killed instance comes back afterwards
        kill[0][0].start()
    statuses = [r[0] for r in results]
    created = [r[1] for r in results if r[0] == 201]
    refused = [r[1] for r in results if r[0] == 409]
    confirmed = [a for a in created if a["state"] == "confirmed"]
    waiting = sorted(a["position"] for a in created if a["state"] == "waiting")
    stored = listing(urls[-1], path)
    items = stored["items"]
    ids = [item["id"] for item in items]
    held = [i for i in items if i["state"] in ("confirmed", "pending")]
    on_list = {i["id"]: i["position"] for i in items if i["state"] == "waiting"}
    emails = [i["email"].lower() for i in items if i["state"] != "cancelled"]
    summary = {
        "storage": label,
        "instances": len(urls),
        "killed_in_the_rush": bool(kill),
        "clients": clients,
        "seats": seats,
        "partner_quota": quota,
        "seconds": round(seconds, 2),
        "confirmed": len(confirmed),
        "waiting": len(waiting),
        "refused_409": len(refused),
        "server_errors": sum(1 for s in statuses if s >= 500 or s == 0),
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "stored": len(ids),
        "stored_twice": len(ids) - len(set(ids)),
        "acknowledged_missing": len({a["id"] for a in created} - set(ids)),
        "address_twice": len(emails) - len(set(emails)),
        "seats_held": len(held),
        "partner_seats_held": sum(1 for i in held if i["partner"] == uid),
        "waiting_places_1_to_n": sorted(on_list.values()) == list(range(1, seats + 1)),
        "told_place_is_held": all(
            on_list.get(a["id"]) == a["position"] for a in created if a["state"] == "waiting"
        ),
    }
    ok = (
        summary["seats_held"] == seats
        and summary["partner_seats_held"] <= quota
        and summary["waiting_places_1_to_n"]
        and summary["told_place_is_held"]
        and summary["server_errors"] == 0
        and summary["acknowledged_missing"] == 0
        and summary["stored_twice"] == 0
        and summary["address_twice"] == 0
        and stored["counts"]["seats_taken"] == seats
    )
    if not kill:  # without a kill every answer is the final one
        expected_refused = max(0, clients - 2 * seats)
        ok = (
            ok
            and summary["confirmed"] == min(seats, clients)
            and summary["waiting"] == min(seats, max(0, clients - seats))
            and summary["refused_409"] == expected_refused
            and summary["stored"] == len(created)
            and waiting == list(range(1, seats + 1))
        )
    # Cancel 10 who hold a seat: the first 10 on the list whose partner has room move up.
    cancelled = [i for i in held if i["partner"] != uid][:10]
    promoted = []
    for item in cancelled:
        status, result = http("DELETE", item["@id"])
        ok = ok and status == 200
        promoted += result.get("promoted", []) if isinstance(result, dict) else []
    after = listing(urls[0], path)
    # who should move up: in the order of the list, the partner's people while it has room
    partner_held = sum(1 for i in held if i["partner"] == uid)
    first_ten = []
    for item in sorted((i for i in items if i["state"] == "waiting"), key=lambda i: i["position"]):
        if len(first_ten) == len(cancelled):
            break
        if item["partner"] == uid:
            if partner_held >= quota:
                continue
            partner_held += 1
        first_ten.append(item["id"])
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
        and after["counts"]["seats_taken"] == seats
        and summary["waiting_renumbered"]
    )
    summary["ok"] = bool(ok)
    return summary


def cpu_ticks():
    """(busy, all) jiffies of the machine's CPUs since boot (Linux /proc/stat)."""
    try:
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


def run_clients(clients, client):
    """Run ``client(i)`` in ``clients`` threads at once. Returns the seconds until all are
    done and what the CPUs did meanwhile: ``machine_busy`` (percent of all CPUs: the
    instances, PostgreSQL and these clients) and ``clients_cpu`` (percent of one CPU taken
    by the client threads of this process). A machine near 100 % busy cannot show what a
    second instance adds."""
    started = time.monotonic()
    busy, total = cpu_ticks()
    own = time.process_time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    busy_after, total_after = cpu_ticks()
    cpu = {
        "machine_busy_percent": round(100 * (busy_after - busy) / max(1, total_after - total)),
        "clients_cpu_percent": round(100 * (time.process_time() - own) / elapsed),
    }
    return elapsed, cpu


def latency(url, levels=(1, 8, 32), per_client=8, baseline=True, events=1):
    """(2): throughput and p95 at each level of concurrent clients; ``url`` may be a list
    of instances, which the clients take in turn. ``events``: the clients register for
    that many events in turn (client i for event i mod ``events``; with as many events
    as instances, each instance serves one event)."""
    urls = url if isinstance(url, list) else [url]
    url = urls[0]
    rows = []
    for clients in levels:
        n = clients * per_client
        paths = [
            make_event(url, f"lat-{clients}-{k}-{uuid.uuid4().hex[:6]}", n, 0)
            for k in range(events)
        ]
        times = []
        lock = threading.Lock()
        errors = [0]

        def client(i, paths=paths, times=times, lock=lock, errors=errors):
            for k in range(per_client):
                body = {"fullname": "L", "email": f"l{i}-{k}@example.org", "consent": True}
                started = time.monotonic()
                base = urls[i % len(urls)]
                path = paths[i % len(paths)]
                status, _ = http("POST", f"{base}/{path}/@registrations", body, timeout=300)
                with lock:
                    times.append(time.monotonic() - started)
                    errors[0] += status != 201

        elapsed, cpu = run_clients(clients, client)
        times.sort()
        rows.append(
            {
                "clients": clients,
                "registrations": n,
                "per_second": round(n / elapsed, 1),
                "p50_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
                "errors": errors[0],
                **cpu,
            }
        )
    if not baseline:
        return {"levels": rows}
    base = rows[0]["per_second"]
    document = document_baseline(url)
    for row in rows:
        row["throughput_vs_1_client"] = round(row["per_second"] / base, 2)
        row["p50_vs_stock_document_post"] = round(row["p50_ms"] / document, 2)
    return {"stock_document_post_p50_ms": document, "levels": rows}


def stock_posts(urls, clients=32, per_client=4):
    """The baseline of ``scaling``: ``clients`` create Documents in one folder at once
    (stock plone.restapi POST); per second, p95 and the answers 5xx."""
    times, statuses = [], []
    lock = threading.Lock()

    def client(i):
        for k in range(per_client):
            base = urls[i % len(urls)]
            started = time.monotonic()
            body = {"@type": "Document", "title": f"S {i} {k}"}
            status, _ = http("POST", f"{base}/bench", body, timeout=300)  # as registrations
            with lock:
                times.append(time.monotonic() - started)
                statuses.append(status)

    elapsed, cpu = run_clients(clients, client)
    times.sort()
    return {
        "clients": clients,
        "posts": len(times),
        "per_second": round(len(times) / elapsed, 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
        "server_errors": sum(1 for s in statuses if s >= 500 or s == 0),
        "answers": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        **cpu,
    }


def scaling(urls, clients=32, per_client=16):
    """(2) on RelStorage: 32 clients against one instance, then against both; the same
    for stock Document POSTs, the baseline of what a second instance can add here.

    ``ceiling``: what a second instance can add on this machine at all. The same load on
    two events, one per instance, so that the instances' registrations share no object
    (no seat, address, folder entry); one instance serves both events."""

    def measure(urls, events=1):
        return latency(urls, (clients,), per_client, baseline=False, events=events)["levels"][0]

    one = measure(urls[:1])
    two = measure(urls)
    apart_one = measure(urls[:1], events=2)
    apart_two = measure(urls, events=2)
    stock_one = stock_posts(urls[:1], clients)
    stock_two = stock_posts(urls, clients)
    return {
        "one_instance": one,
        "two_instances": two,
        "two_vs_one_throughput": round(two["per_second"] / one["per_second"], 2),
        "ceiling": {
            "one_instance_two_events": apart_one,
            "two_instances_one_event_each": apart_two,
            "two_vs_one_throughput": round(apart_two["per_second"] / apart_one["per_second"], 2),
        },
        "stock_document_post_one_instance": stock_one,
        "stock_document_post_two_instances": stock_two,
        "stock_two_vs_one_throughput": round(stock_two["per_second"] / stock_one["per_second"], 2),
    }


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
        return action([server.url], [server])
    finally:
        server.stop()


def with_relstorage(workdir, action):
    database, _env, one, two = relstorage_pair(workdir, "kooperation_bench", names=("rs1", "rs2"))
    try:
        one.start()
        two.start()
        return action([one.url, two.url], [one, two])
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
    parser.add_argument("--kill", action="store_true", help="(3): a burst with a SIGKILL")
    parser.add_argument("--workdir")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="registrations-"))
    summary = {"burst": []}

    def bursts(urls, servers, label):
        if args.latency_only:
            return
        summary["burst"].append(overbooking_check(urls, args.clients, args.seats, label))
        if args.kill:
            restart = len(servers) == 1  # FileStorage: the clients wait for it
            summary["burst"].append(
                overbooking_check(urls, args.clients, args.seats, label, (servers, restart))
            )

    def filestorage(urls, servers):
        bursts(urls, servers, "filestorage")
        if not args.no_latency:
            summary["latency_filestorage"] = latency(urls[0])

    def relstorage(urls, servers):
        if not args.no_latency:
            summary["scaling_relstorage"] = scaling(urls)
        bursts(urls, servers, "relstorage")

    if args.storage in ("both", "filestorage"):
        with_filestorage(workdir, filestorage)
    if args.storage in ("both", "relstorage"):
        with_relstorage(workdir, relstorage)
    summary["ok"] = all(b["ok"] for b in summary["burst"])
    print(json.dumps(summary, indent=2))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
