"""Whole-system test harness.

Starts a real Odoo server (odoo-bin) on a free local port against a fresh database,
waits until it answers, and gives the tests JSON-RPC clients that log in exactly as the
web client and the Odoo mobile app do (/web/session/authenticate, then /web/dataset/call_kw).
Everything is torn down afterwards.

``make test`` passes a fresh copy of the database its Odoo tests just built
(BANQUET_TEST_DB); run alone, ``pytest tests`` builds one itself.
"""

import contextlib
import itertools
import os
import shlex
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

PROJECT_DIR = Path(__file__).resolve().parent.parent
MODULES = "hotel_banquet_crm,hotel_banquet_contract,hotel_banquet_eo"


class RpcError(Exception):
    """An error returned by Odoo over JSON-RPC (name of the Python exception + message)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


class OdooClient:
    """A JSON-RPC session, as the web client and the mobile app hold one."""

    _ids = itertools.count(1)

    def __init__(self, base_url, db):
        self.base_url = base_url
        self.db = db
        self.http = requests.Session()
        self.uid = None

    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        response = self.http.post(self.base_url + path, json=payload, timeout=120)
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def authenticate(self, login, password):
        info = self.rpc(
            "/web/session/authenticate", {"db": self.db, "login": login, "password": password}
        )
        self.uid = info["uid"]
        return info

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def load_menus(self):
        response = self.http.get(
            f"{self.base_url}/web/webclient/load_menus/{uuid.uuid4().hex}", timeout=60
        )
        response.raise_for_status()
        return response.json()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _odoo_command():
    """The Odoo command and arguments, as scripts/common.sh finds them."""
    if os.environ.get("BANQUET_ODOO_CMD"):
        return shlex.split(os.environ["BANQUET_ODOO_CMD"]), shlex.split(
            os.environ["BANQUET_ODOO_ARGS"]
        )
    script = (
        f"source {shlex.quote(str(PROJECT_DIR / 'scripts/common.sh'))} >&2 && check_postgres >&2"
        ' && find_odoo >&2 && echo "${ODOO_CMD[*]}" && odoo_db_args | tr "\\n" " "'
    )
    out = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    if out.returncode:
        pytest.exit(out.stderr, returncode=2)
    cmd, args = out.stdout.splitlines()[:2]
    return shlex.split(cmd), shlex.split(args)


def _pg_args():
    args = []
    user = os.environ.get("BANQUET_DB_USER") or os.environ.get("PGUSER")
    if user:
        args += ["-U", user]
    if os.environ.get("BANQUET_DB_HOST"):
        args += ["-h", os.environ["BANQUET_DB_HOST"]]
    if os.environ.get("BANQUET_DB_PORT"):
        args += ["-p", os.environ["BANQUET_DB_PORT"]]
    return args


@pytest.fixture(scope="session")
def odoo_db():
    """The Odoo command, its arguments and a database with the three addons."""
    cmd, args = _odoo_command()
    db = os.environ.get("BANQUET_TEST_DB")
    created = False
    if not db:
        db = f"banquet_pytest_{os.getpid()}"
        subprocess.run(
            [*cmd, *args, "-d", db, "-i", MODULES, "--stop-after-init", "--log-level=warn"],
            check=True,
            timeout=1800,
        )
        created = True
    try:
        yield cmd, args, db
    finally:
        if created:
            subprocess.run(["dropdb", *_pg_args(), "--if-exists", db], check=False)


@contextlib.contextmanager
def _running_server(odoo_db, tmp_path_factory, workers):
    """Start odoo-bin on free loopback ports, wait until it answers, stop it afterwards."""
    cmd, args, db = odoo_db
    port = _free_port()
    log_path = tmp_path_factory.mktemp("odoo") / "server.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed in teardown
    server = subprocess.Popen(
        [
            *cmd,
            *args,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            f"--gevent-port={_free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            f"--workers={workers}",
            "--log-level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while True:
            if server.poll() is not None:
                pytest.fail(f"Odoo exited with {server.returncode}: {log_path.read_text()[-3000:]}")
            try:
                if requests.get(base_url + "/web/login", timeout=60).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or a worker still loading the registry
            if time.monotonic() > deadline:
                pytest.fail(f"Odoo did not answer within 180 s: {log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield {"url": base_url, "db": db, "log": log_path}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def odoo_server(odoo_db, tmp_path_factory):
    """A running Odoo server on a fresh database; yields its base URL and database name."""
    with _running_server(odoo_db, tmp_path_factory, workers=0) as server:
        yield server


@pytest.fixture(scope="session")
def odoo_server_workers(odoo_db, tmp_path_factory):
    """The same database served by Odoo in multi-process mode (two HTTP workers), as in
    production: concurrent requests run in separate processes and transactions, and Odoo
    retries a request after a serialization failure."""
    with _running_server(odoo_db, tmp_path_factory, workers=2) as server:
        yield server


@pytest.fixture
def client(odoo_server):
    """A fresh, not yet authenticated JSON-RPC session."""
    return OdooClient(odoo_server["url"], odoo_server["db"])


@pytest.fixture
def login(odoo_server):
    """Log in as a given user and return the session."""

    def _login(user, password):
        session = OdooClient(odoo_server["url"], odoo_server["db"])
        session.authenticate(user, password)
        return session

    return _login
