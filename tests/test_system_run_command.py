"""The README's run command serves the Banquet app on an existing database.

When it fails, the test shows what ``make run`` and the server printed, not a bare
time-out: a newcomer's first command must never fail without saying why.
"""

import os
import subprocess
import time
from pathlib import Path

import requests
from conftest import OdooClient, _free_port

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _tail(path, chars=4000):
    text = path.read_text(errors="replace") if path.exists() else "(no output)"
    return text[-chars:]


def test_run_command_serves_login_page_and_banquet_app_to_admin(odoo_server, tmp_path):
    port = _free_port()
    env = dict(os.environ, BANQUET_DB=odoo_server["db"], BANQUET_HTTP_PORT=str(port))
    log_path = tmp_path / "run.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        ["make", "-s", "run"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise AssertionError(
                    f"make run exited with {server.returncode} before serving:\n{_tail(log_path)}"
                )
            try:
                status = requests.get(base_url + "/web/login", timeout=60).status_code
                if status == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.5)
        assert status == 200, (
            f"make run did not serve /web/login within 180 s (last status {status}):\n"
            f"{_tail(log_path)}"
        )
        admin = OdooClient(base_url, odoo_server["db"])
        admin.authenticate("admin", "admin")
        names = {m["name"] for m in admin.load_menus().values() if isinstance(m, dict)}
        assert "Banquet" in names, _tail(log_path)
        assert "Odoo with the Banquet app" in log_path.read_text()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        log.close()
