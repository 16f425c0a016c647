"""The README's run command serves the Banquet app on an existing database."""

import os
import subprocess
import time
from pathlib import Path

import requests
from conftest import OdooClient, _free_port

PROJECT_DIR = Path(__file__).resolve().parent.parent


def test_run_command_serves_login_page_and_banquet_app_to_admin(odoo_server, tmp_path):
    port = _free_port()
    env = dict(os.environ, BANQUET_DB=odoo_server["db"], BANQUET_HTTP_PORT=str(port))
    log = open(tmp_path / "run.log", "w")  # noqa: SIM115 - closed below
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
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status = requests.get(base_url + "/web/login", timeout=5).status_code
                if status == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        assert status == 200, (tmp_path / "run.log").read_text()[-3000:]
        admin = OdooClient(base_url, odoo_server["db"])
        admin.authenticate("admin", "admin")
        names = {m["name"] for m in admin.load_menus().values() if isinstance(m, dict)}
        assert "Banquet" in names
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
