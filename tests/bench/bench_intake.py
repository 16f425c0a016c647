"""Benchmark: the intake API beside stock ``crm.lead`` create over JSON-RPC.

Odoo runs in multi-process mode (``--workers``, default 2), as in production. One run
measures, at 1 and at 4 concurrent clients:

- *stock*: ``crm.lead.create`` through ``/web/dataset/call_kw`` in a logged-in session, as
  the web client and the mobile app create a lead;
- *intake*: ``POST /banquet/api/v1/inquiries`` with a channel's API key: authentication,
  rate limit, validation, reference, routing to a hotel, team and salesperson, and the
  answer with the reference.

It prints inquiries per second, p50 and p95 latency, and the ratio intake / stock. Not part
of any test run (pytest collects ``test_*.py`` only). Everything it creates stays in the
database: use a throw-away copy.

    python3 tests/bench/bench_intake.py -d DATABASE            # starts its own server
    python3 tests/bench/bench_intake.py --url http://127.0.0.1:8069 -d DATABASE
"""

import argparse
import itertools
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_DIR = os.environ.get("ODOO_DIR", "/opt/odoo")
ADDONS = f"{PROJECT_DIR}/addons,{ODOO_DIR}/addons,{ODOO_DIR}/odoo/addons"


class Session:
    """A logged-in JSON-RPC session, as the web client holds one."""

    _ids = itertools.count(1)

    def __init__(self, url, db, login, password):
        self.url = url
        self.http = requests.Session()
        self.rpc("/web/session/authenticate", {"db": db, "login": login, "password": password})

    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        body = self.http.post(self.url + path, json=payload, timeout=120).json()
        if "error" in body:
            raise RuntimeError(body["error"].get("data", {}).get("message", body["error"]))
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db, workers):
    """odoo-bin on loopback ports with ``workers`` HTTP workers; returns (process, url)."""
    port = _free_port()
    command = shlex.split(os.environ.get("BANQUET_ODOO_CMD", "")) or [
        sys.executable,
        f"{ODOO_DIR}/odoo-bin",
    ]
    log = tempfile.NamedTemporaryFile(prefix="bench_intake_", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [
            *command,
            f"--addons-path={ADDONS}",
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            f"--gevent-port={_free_port()}",
            "--http-interface=127.0.0.1",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--limit-time-real=600",
            "--log-level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"Odoo exited with {process.returncode}; see {log.name}")
        try:
            if requests.get(url + "/web/login", timeout=10).status_code == 200:
                return process, url
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.5)
    process.terminate()
    sys.exit(f"Odoo did not answer within 180 s; see {log.name}")


def prepare(admin):
    """A channel with a key, and a banquet team with two salespeople routing can choose."""
    tag = uuid.uuid4().hex[:6]
    [group] = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", "hotel_banquet_crm"), ("name", "=", "group_banquet_user")],
        fields=["res_id"],
    )
    users = [
        admin.call(
            "res.users",
            "create",
            {
                "name": f"Bench Seller {tag} {i}",
                "login": f"bench_{tag}_{i}",
                "groups_id": [(4, group["res_id"])],
            },
        )
        for i in range(2)
    ]
    admin.call(
        "crm.team",
        "create",
        {
            "name": f"Bench Banquet {tag}",
            "is_banquet": True,
            "sequence": 0,
            "member_ids": [(6, 0, users)],
        },
    )
    source = admin.call("utm.source", "create", {"name": f"Bench {tag}"})
    channel = admin.call(
        "banquet.intake.channel",
        "create",
        {"name": f"Bench {tag}", "source_id": source, "rate_limit_per_minute": 1000000},
    )
    wizard = admin.call(
        "banquet.intake.key.wizard",
        "create",
        {"channel_id": channel, "name": "benchmark", "duration": "30"},
    )
    key = admin.call("banquet.intake.key.wizard", "action_make_key", [wizard])["context"][
        "default_key"
    ]
    return key


def measure(clients, count, makers, rounds=4):
    """Run ``count`` calls of each kind (``makers``: kind -> factory of a callable) on
    ``clients`` threads, the kinds taking turns in ``rounds`` so that both see the same
    machine load; return, per kind, the rate per second and p50/p95 latency in ms."""
    callers = {kind: [make() for _i in range(clients)] for kind, make in makers.items()}
    for kind_callers in callers.values():  # warm-up: every worker has loaded what it needs
        for call in kind_callers:
            for _i in range(3):
                call()
    latencies = {kind: [] for kind in makers}
    walls = dict.fromkeys(makers, 0.0)
    lock = threading.Lock()
    for _round in range(rounds):
        for kind, kind_callers in callers.items():
            counter = itertools.count()
            done = latencies[kind]
            quota = count // rounds

            def worker(call, counter=counter, done=done, quota=quota):
                while next(counter) < quota:
                    start = time.perf_counter()
                    call()
                    elapsed = (time.perf_counter() - start) * 1000
                    with lock:
                        done.append(elapsed)

            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(worker, kind_callers))
            walls[kind] += time.perf_counter() - start
    results = {}
    for kind, values in latencies.items():
        values.sort()
        results[kind] = {
            "rate": len(values) / walls[kind],
            "p50": statistics.median(values),
            "p95": values[max(int(len(values) * 0.95) - 1, 0)],
        }
        print(
            f"  {kind:<7} {clients} client(s): {results[kind]['rate']:6.1f}/s  "
            f"p50 {results[kind]['p50']:7.1f} ms  p95 {results[kind]['p95']:7.1f} ms  "
            f"({len(values)} calls)",
            flush=True,
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--url", help="an Odoo already serving DB (with workers >= 2)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--count", type=int, default=200, help="calls per measurement")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()

    process = None
    url = args.url
    if not url:
        process, url = start_server(args.db, args.workers)
    try:
        admin = Session(url, args.db, args.login, args.password)
        key = prepare(admin)
        serial = itertools.count()

        def inquiry():
            n = next(serial)
            return {
                "contact_name": f"Bench Guest {n}",
                "company_name": f"Bench Company {n}",
                "email": f"bench{n}.{uuid.uuid4().hex[:6]}@bench.example",
                "phone": f"+86 21 5555 {n:04d}",
                "event_date_start": "2027-06-01T18:00:00",
                "expected_pax": 120,
            }

        def make_stock():
            session = Session(url, args.db, args.login, args.password)

            def call():
                vals = inquiry()
                session.call(
                    "crm.lead",
                    "create",
                    {
                        "name": vals["company_name"],
                        "contact_name": vals["contact_name"],
                        "email_from": vals["email"],
                        "phone": vals["phone"],
                        "type": "opportunity",
                    },
                )

            return call

        def make_intake():
            http = requests.Session()
            headers = {"Authorization": f"Bearer {key}"}

            def call():
                response = http.post(
                    url + "/banquet/api/v1/inquiries",
                    json=inquiry(),
                    headers=headers,
                    timeout=120,
                )
                if response.status_code != 201:
                    raise RuntimeError(f"intake answered {response.status_code}: {response.text}")

            return call

        print(f"Odoo at {url}, database {args.db}, {os.cpu_count()} CPU(s)", flush=True)
        results = {
            clients: measure(clients, args.count, {"stock": make_stock, "intake": make_intake})
            for clients in (1, 4)
        }
        print("ratio intake / stock (rate; >= 1.0 means the intake is as fast as stock):")
        for clients, result in results.items():
            stock, intake = result["stock"], result["intake"]
            print(
                f"  {clients} client(s): {intake['rate'] / stock['rate']:.2f}x "
                f"(p50 {intake['p50']:.1f} ms vs {stock['p50']:.1f} ms)"
            )
    finally:
        if process:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
