"""Scale-out: two instances on one RelStorage (PostgreSQL) database behind HAProxy.

    .venv/bin/python bench/scaleout.py                    # 30 s of load, then 20 kills
    .venv/bin/python bench/scaleout.py --seconds 5 --kills 2   # the short form (tests/ops)
    .venv/bin/python bench/scaleout.py --profile demo --signatures \
        --registration-event oberhausen/fortbildung-2027

1. write load (pages, PDF files, registrations when asked) through HAProxy; both
   instances must take a share (their access logs say so);
2. SIGKILL one instance in the middle of the load (random moment): the other keeps
   serving, HAProxy takes the dead one out after two failed health checks; every
   write answered 201 in the round is there (read through the survivor); the killed
   instance is restarted; ``--kills N`` rounds, the two instances killed in turn;
3. every write answered 201 is there, read through each instance, and the database
   verifies (zodbverify).
With ``--signatures`` (demo profile) the writes include agreements frozen for
signature and their signatures (see crashdrill.py).
Needs haproxy (`make system-deps`) and PostgreSQL on 127.0.0.1:5432 (user postgres, trust;
another server: KOOPERATION_TEST_PG_DSN="host=... port=... user=...").
"""

from crashdrill import drop_database
from crashdrill import free_port
from crashdrill import http
from crashdrill import missing_writes
from crashdrill import relstorage_pair
from crashdrill import REPO
from crashdrill import signing_setup
from crashdrill import Writer
from pathlib import Path

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid


sys.path.insert(0, str(REPO / "src"))


def posts_served(instance):
    log = Path(instance) / "var" / "log" / "instance-access.log"
    return (
        sum(1 for line in log.read_text().splitlines() if '"POST ' in line) if log.exists() else 0
    )


def statuses(writers):
    total = {}
    for w in writers:
        for status, n in w.statuses.items():
            total[status] = total.get(status, 0) + n
    return total


def load(target, seconds, writers=4, registration_event=None, signing=None):
    """Run ``writers`` writers for ``seconds``; return them (stopped)."""
    started = [
        Writer(f"w{i}-{uuid.uuid4().hex[:6]}", target, registration_event, signing)
        for i in range(writers)
    ]
    for w in started:
        w.start()
    time.sleep(seconds)
    for w in started:
        w.stopping.set()
    for w in started:
        w.join(timeout=120)
    return started


def stop_writers(writers, signing):
    for w in writers:
        w.stopping.set()
    for w in writers:
        w.join(timeout=120)
        if signing and w.agreement is not None:
            signing["pool"].append(w.agreement)


def run(
    seconds=30,
    workdir=None,
    registration_event=None,
    writers=4,
    profile="empty",
    kills=1,
    signatures=False,
    seed=None,
):
    from kooperation.ops.haproxy import render

    rng = random.Random(seed)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="scaleout-"))
    database, env, one, two = relstorage_pair(workdir, "kooperation_scaleout", profile)
    one_dir, two_dir = one.instance, two.instance
    lb_port = free_port()
    cfg = workdir / "haproxy.cfg"
    cfg.write_text(
        render([f"127.0.0.1:{one.port}", f"127.0.0.1:{two.port}"], listen=f"127.0.0.1:{lb_port}")
    )
    lb_url = f"http://127.0.0.1:{lb_port}/Plone"
    summary = {"database": database}
    haproxy = None
    try:
        one.start()
        two.start()
        haproxy = subprocess.Popen(
            ["haproxy", "-db", "-f", str(cfg)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while http("GET", lb_url + "/@@health", auth=False)[0] != 200:
            if time.monotonic() > deadline:
                raise TimeoutError("haproxy does not answer")
            time.sleep(0.2)

        signing = signing_setup(lb_url) if signatures else None
        # 1. load through the balancer, both up
        before = (posts_served(one_dir), posts_served(two_dir))
        phase1 = load(lambda: lb_url, seconds, writers, registration_event, signing)
        acked = [a for w in phase1 for a in w.acked]
        summary["both_up"] = {
            "acked": len(acked),
            "failed": sum(w.failed for w in phase1),
            "statuses": statuses(phase1),
            "writes_per_second": round(len(acked) / seconds, 1),
            "posts_served": [posts_served(one_dir) - before[0], posts_served(two_dir) - before[1]],
        }

        # 2. kill one instance while the load goes on, ``kills`` times, in turn
        summary["rounds"] = []
        summary["missing_via_survivor"] = []
        all_phase2 = []
        for round_ in range(kills):
            victim, survivor = (one, two) if round_ % 2 == 0 else (two, one)
            phase2 = [
                Writer(
                    f"k{round_}-{i}-{uuid.uuid4().hex[:6]}",
                    lambda: lb_url,
                    registration_event,
                    signing,
                )
                for i in range(writers)
            ]
            for w in phase2:
                w.start()
            time.sleep(rng.uniform(0.5, min(3.0, max(0.5, seconds / 2))))
            acked_before_kill = sum(len(w.acked) for w in phase2)
            victim.kill()
            killed_at = time.monotonic()
            time.sleep(seconds if kills == 1 else min(seconds, 3.0))
            stop_writers(phase2, signing)
            round_acked = [a for w in phase2 for a in w.acked]
            missing = missing_writes(survivor.url, round_acked)
            summary["missing_via_survivor"].extend(missing)
            restart = round(victim.start(), 1)
            summary["rounds"].append(
                {
                    "killed": 1 if victim is one else 2,
                    "acked": len(round_acked),
                    "acked_after_kill": len(round_acked) - acked_before_kill,
                    "failed": sum(w.failed for w in phase2),
                    "statuses": statuses(phase2),
                    "down_seconds": round(time.monotonic() - killed_at - restart, 1),
                    "missing": len(missing),
                    "restart_seconds": restart,
                }
            )
            acked += round_acked
            all_phase2 += phase2
        summary["one_killed"] = {
            "kills": kills,
            "acked": sum(len(w.acked) for w in all_phase2),
            "acked_after_kill": sum(r["acked_after_kill"] for r in summary["rounds"]),
            "rounds_survivor_served": sum(1 for r in summary["rounds"] if r["acked_after_kill"]),
            "failed": sum(w.failed for w in all_phase2),
            "statuses": statuses(all_phase2),
        }

        # 3. nothing lost; each instance (restarted after its kills) sees everything
        summary["missing_via_survivor"].extend(missing_writes(two.url, acked))
        summary["restart_seconds"] = [r["restart_seconds"] for r in summary["rounds"]]
        summary["missing_via_restarted"] = missing_writes(one.url, acked)
        verify = subprocess.run(
            [
                str(REPO / ".venv" / "bin" / "kooperation-admin"),
                "verify",
                "--instance",
                str(one_dir),
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        summary["verify"] = (
            verify.stdout.strip().splitlines()[-1] if verify.stdout else verify.stderr[-500:]
        )
        summary["acked"] = len(acked)
        summary["kinds"] = {k: sum(1 for a in acked if a[0] == k) for k in {a[0] for a in acked}}
    finally:
        if haproxy is not None:
            haproxy.terminate()
            haproxy.wait(timeout=10)
        one.stop()
        two.stop()
        drop_database(database)
    summary["ok"] = (
        not summary["missing_via_survivor"]
        and not summary["missing_via_restarted"]
        and ": 0 errors" in summary["verify"]
        and all(n > 0 for n in summary["both_up"]["posts_served"])
        and summary["one_killed"]["rounds_survivor_served"] == kills
    )
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--registration-event", default=None)
    parser.add_argument("--profile", default="empty", help="site profile (demo has events)")
    parser.add_argument("--kills", type=int, default=20, help="kill/restart rounds")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--signatures", action="store_true", help="agreements and signatures (demo profile)"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    summary = run(
        args.seconds,
        args.workdir,
        args.registration_event,
        args.writers,
        args.profile,
        kills=args.kills,
        signatures=args.signatures,
        seed=args.seed,
    )
    summary["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary, indent=2, default=str))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
