"""The project's commands find Odoo the way a newcomer's machine has it.

Odoo's documented source install is a plain ``python3 -m venv`` with Odoo's requirements.
Such an interpreter has not imported ``importlib.util`` at start-up (a system Python often
has), which once made ``make run`` exit silently. These tests run the real detection code
of ``scripts/common.sh`` with a freshly made virtualenv and with an isolated (``-I``)
interpreter, and check that every failure names its cure.
"""

import subprocess
import sysconfig
from pathlib import Path

import pytest
from conftest import _odoo_command

PROJECT_DIR = Path(__file__).resolve().parent.parent
COMMON = PROJECT_DIR / "scripts" / "common.sh"
PATHS_PROBE = (
    "import sys, sysconfig; p = sysconfig.get_paths(); print(p['purelib']); "
    "print(p['platlib']); print(getattr(sys, '_base_executable', sys.executable))"
)


@pytest.fixture(scope="module")
def odoo_install():
    """(Odoo tree, interpreter that has Odoo's requirements) as the scripts find them."""
    cmd, _args = _odoo_command()
    python = cmd[0] if cmd[0] != "env" else next(p for p in cmd if "python" in Path(p).name)
    odoo_bin = next((p for p in cmd if p.endswith("odoo-bin")), None)
    if odoo_bin:
        tree = Path(odoo_bin).parent
    else:
        tree = Path(next(p for p in cmd if p.startswith("PYTHONPATH=")).split("=", 1)[1])
    paths = subprocess.run(
        [python, "-c", PATHS_PROBE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {"tree": tree, "site": sorted(set(paths[:2])), "base_python": paths[2]}


def _fresh_venv(path, base_python, site_dirs=()):
    """``python3 -m venv`` as Odoo's guide makes it; ``site_dirs`` stand for what
    ``pip install -r requirements.txt`` put there (their own .pth hooks do not run)."""
    subprocess.run([base_python, "-m", "venv", "--without-pip", str(path)], check=True)
    if site_dirs:
        purelib = subprocess.run(
            [
                str(path / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        Path(purelib, "odoo_requirements.pth").write_text("\n".join(site_dirs) + "\n")
    return path / "bin" / "python"


def _detect(env_python, odoo_home, tmp_path):
    script = (
        f'source "{COMMON}" && find_odoo && check_odoo_python && echo "DETECTED $ODOO_HOME $PYTHON"'
    )
    return subprocess.run(
        ["bash", "-c", script],
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PYTHON": str(env_python),
            "ODOO_HOME": str(odoo_home),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_fresh_venv_interpreter_lacks_importlib_util_like_a_newcomers(odoo_install, tmp_path):
    """The premise: this venv reproduces the interpreter that broke ``make run``."""
    python = _fresh_venv(tmp_path / "venv", odoo_install["base_python"])
    probe = subprocess.run(
        [str(python), "-c", "import importlib; importlib.util"],
        capture_output=True,
        text=True,
        cwd="/tmp",
        check=False,
    )
    assert probe.returncode != 0 and "has no attribute 'util'" in probe.stderr, probe.stderr


def test_fresh_venv_with_odoo_requirements_finds_odoo(odoo_install, tmp_path):
    python = _fresh_venv(tmp_path / "venv", odoo_install["base_python"], odoo_install["site"])
    result = _detect(python, odoo_install["tree"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"DETECTED {odoo_install['tree']} {python}" in result.stdout, result.stdout


def test_fresh_venv_without_requirements_names_the_missing_ones(odoo_install, tmp_path):
    python = _fresh_venv(tmp_path / "venv", odoo_install["base_python"])
    result = _detect(python, odoo_install["tree"], tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Odoo's Python dependencies are missing" in result.stderr, result.stderr
    assert "psycopg2" in result.stderr and "werkzeug" in result.stderr, result.stderr
    assert f"pip install -r {odoo_install['tree']}/requirements.txt" in result.stderr


def test_isolated_interpreter_is_checked_not_silently_accepted(odoo_install, tmp_path):
    """``python -I`` ignores PYTHONPATH and user site: the check still answers clearly."""
    wrapper = tmp_path / "python-isolated"
    wrapper.write_text(f'#!/bin/sh\nexec "{odoo_install["base_python"]}" -I "$@"\n')
    wrapper.chmod(0o755)
    result = _detect(wrapper, odoo_install["tree"], tmp_path)
    output = result.stdout + result.stderr
    if result.returncode == 0:
        # The base interpreter itself carries Odoo's requirements: then detection works.
        assert "DETECTED" in result.stdout, output
    else:
        assert result.returncode == 2, output
        assert "ERROR" in result.stderr and "pip install -r" in result.stderr, output


def test_run_command_stops_with_the_cause_when_a_step_fails(odoo_install, tmp_path):
    """``make run`` with an interpreter lacking Odoo's requirements says so and exits 2."""
    python = _fresh_venv(tmp_path / "venv", odoo_install["base_python"])
    result = subprocess.run(
        ["make", "-s", "run"],
        cwd=PROJECT_DIR,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "HOME": str(tmp_path),
            "PYTHON": str(python),
            "ODOO_HOME": str(odoo_install["tree"]),
            "BANQUET_DB": "banquet_never_created",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    assert "Odoo's Python dependencies are missing" in result.stderr, result.stdout + result.stderr


def test_the_probe_runs_in_the_scripts_not_only_here():
    """Guard against a regression of the exact bug: a bare ``import importlib``."""
    text = COMMON.read_text()
    assert "import importlib.util" in text
    assert sysconfig.get_paths()["purelib"]  # the interpreter running the tests is sane
