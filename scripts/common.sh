# shellcheck shell=bash
# Shared by run.sh and test.sh: find Odoo and PostgreSQL, or say exactly what is missing.

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON_FROM_USER="${PYTHON:-}"
PYTHON="${PYTHON:-python3}"
BANQUET_DB_HOST="${BANQUET_DB_HOST:-${PGHOST:-}}"
BANQUET_DB_PORT="${BANQUET_DB_PORT:-${PGPORT:-5432}}"
BANQUET_DB_USER="${BANQUET_DB_USER:-${PGUSER:-$(id -un)}}"

say() { printf '[banquet] %s\n' "$*"; }
die() { printf '[banquet] ERROR: %s\n' "$*" >&2; exit 2; }

# Odoo refuses to connect as the role 'postgres': a dedicated role is required.
check_postgres() {
    if [ "$BANQUET_DB_USER" = "postgres" ]; then
        die "Odoo refuses to run as the PostgreSQL role 'postgres'. Create another role, e.g.
    sudo -u postgres createuser --createdb \$USER
and run again (or set BANQUET_DB_USER=<role>)."
    fi
    local host_args=()
    [ -n "$BANQUET_DB_HOST" ] && host_args=(-h "$BANQUET_DB_HOST")
    if ! psql "${host_args[@]}" -p "$BANQUET_DB_PORT" -U "$BANQUET_DB_USER" -d postgres \
            -Atqc 'select 1' >/dev/null 2>&1; then
        die "PostgreSQL is not reachable as role '$BANQUET_DB_USER' (host ${BANQUET_DB_HOST:-local socket}, port $BANQUET_DB_PORT).
  - Is the server running?  pg_lsclusters / sudo systemctl start postgresql
  - Does the role exist with CREATEDB?  sudo -u postgres createuser --createdb $BANQUET_DB_USER
  - Another server or role: set BANQUET_DB_HOST, BANQUET_DB_PORT, BANQUET_DB_USER (and PGPASSWORD)."
    fi
    PSQL=(psql "${host_args[@]}" -p "$BANQUET_DB_PORT" -U "$BANQUET_DB_USER")
    PG_ARGS=("${host_args[@]}" -p "$BANQUET_DB_PORT" -U "$BANQUET_DB_USER")
}

db_exists() {
    [ "$("${PSQL[@]}" -d postgres -Atqc "select 1 from pg_database where datname = '$1'")" = "1" ]
}

# An Odoo 18.0 install is found, in order: ODOO_HOME (a source tree or an installed
# package's parent directory), an 'odoo' package importable by $PYTHON (default python3),
# then the usual places. A source tree's own virtualenv (venv/ or .venv/ inside it, or
# beside it) provides the interpreter when PYTHON is not set.
find_odoo() {
    local candidates=()
    [ -n "${ODOO_HOME:-}" ] && candidates+=("$ODOO_HOME")
    local imported
    imported="$(cd /tmp && "$PYTHON" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(odoo.__file__)))' 2>/dev/null || true)"
    [ -n "$imported" ] && candidates+=("$imported")
    candidates+=("$PROJECT_DIR/../odoo" "$PROJECT_DIR/../../odoo" /opt/odoo /opt/odoo18 /opt/odoo-18.0
                 /usr/lib/python3/dist-packages "$HOME/odoo")
    local dir venv
    for dir in "${candidates[@]}"; do
        [ -f "$dir/odoo/release.py" ] || continue
        if ! grep -qE "^version_info = \(18, 0," "$dir/odoo/release.py"; then
            say "skipping $dir: not Odoo 18.0"
            continue
        fi
        ODOO_HOME="$(cd "$dir" && pwd)"
        if [ -z "${PYTHON_FROM_USER:-}" ] && [ "$ODOO_HOME" != "$imported" ]; then
            for venv in "$ODOO_HOME/venv" "$ODOO_HOME/.venv" "$ODOO_HOME-venv"; do
                if [ -x "$venv/bin/python" ]; then PYTHON="$venv/bin/python"; break; fi
            done
        fi
        ODOO_ADDONS="$PROJECT_DIR/addons"
        [ -d "$ODOO_HOME/addons" ] && ODOO_ADDONS="$ODOO_ADDONS,$ODOO_HOME/addons"
        ODOO_ADDONS="$ODOO_ADDONS,$ODOO_HOME/odoo/addons"
        if [ -f "$ODOO_HOME/odoo-bin" ]; then
            ODOO_CMD=("$PYTHON" "$ODOO_HOME/odoo-bin")
        else
            ODOO_CMD=(env "PYTHONPATH=$ODOO_HOME${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m odoo)
        fi
        say "Odoo 18.0 found in $ODOO_HOME (Python: $PYTHON)"
        export ODOO_HOME ODOO_ADDONS PYTHON
        return 0
    done
    die "No Odoo 18.0 Community install found.
  Install it the official way: https://www.odoo.com/documentation/18.0/administration/on_premise.html
  (packaged install, or a source install: git clone --branch 18.0 --depth 1 https://github.com/odoo/odoo
   then pip install -r odoo/requirements.txt, ideally in a virtualenv at odoo/venv).
  Then either make 'import odoo' work for $PYTHON, put the tree at $PROJECT_DIR/../odoo or /opt/odoo,
  or point ODOO_HOME at the directory that contains odoo/ (and odoo-bin); PYTHON selects the interpreter."
}

# Odoo's own Python dependencies must be importable, or nothing starts. The probe runs
# isolated (-I) in a neutral directory, as a fresh virtualenv's interpreter would, and any
# failure of the probe itself is shown, never swallowed.
check_odoo_python() {
    local out rc=0
    out="$(cd /tmp && PYTHONPATH="$ODOO_HOME" "$PYTHON" - 2>&1 <<'PY'
import importlib.util
mods = ["babel", "dateutil", "decorator", "docutils", "jinja2", "lxml", "markupsafe", "passlib",
        "PIL", "polib", "psutil", "psycopg2", "pytz", "reportlab", "requests", "werkzeug",
        "zeep", "openpyxl", "xlsxwriter", "xlrd", "num2words", "stdnum", "qrcode", "vobject"]
print("missing:" + " ".join(m for m in mods if importlib.util.find_spec(m) is None))
print("nopkg:" + ("1" if importlib.util.find_spec("pkg_resources") is None else "0"))
PY
)" || rc=$?
    if [ "$rc" != "0" ] || [[ "$out" != missing:* ]]; then
        die "Could not check Odoo's Python dependencies with $PYTHON (exit $rc):
$out
  Check that $PYTHON is a working Python 3.11 (or set PYTHON=/path/to/python)."
    fi
    if [[ "$out" == *"nopkg:1"* ]]; then
        say "warning: $PYTHON has no pkg_resources (setuptools 81 and newer dropped it): Odoo's
  live-chat/bus worker (gevent, with workers > 0) cannot start. Fix: $PYTHON -m pip install 'setuptools<81'"
    fi
    out="${out%%$'\n'nopkg:*}"
    local missing="${out#missing:}"
    if [ -n "$missing" ]; then
        die "Odoo's Python dependencies are missing for $PYTHON: $missing
  Install them: $PYTHON -m pip install -r $ODOO_HOME/requirements.txt
  (on Python 3.11 replace the pin cbor2==5.4.2 by cbor2==5.4.6, which builds)."
    fi
}

# wkhtmltopdf renders Odoo's own PDF documents (quotations, invoices, the signed order).
check_wkhtmltopdf() {
    if ! command -v wkhtmltopdf >/dev/null 2>&1; then
        die "wkhtmltopdf is not installed: Odoo needs it for quotation and invoice PDFs.
  Debian/Ubuntu: sudo apt-get install wkhtmltopdf   (0.12.6; other systems: https://wkhtmltopdf.org)
  Set BANQUET_SKIP_WKHTMLTOPDF=1 to start without PDF reports."
    fi
}

# Under 'set -eE', a failing command anywhere says what failed and where, instead of
# ending the script without a word.
on_error() {
    local rc="$1" line="$2" cmd="$3"
    printf '[banquet] ERROR: %s failed (exit %s) at %s line %s:\n  %s\n' \
        "${0##*/}" "$rc" "${BASH_SOURCE[1]:-$0}" "$line" "$cmd" >&2
    printf '[banquet] The lines above say why. Fix it and run the command again.\n' >&2
    exit "$rc"
}

# The project's own runtime requirements, installed once when absent.
ensure_requirements() {
    local req="$PROJECT_DIR/requirements.txt"
    if ! (cd /tmp && "$PYTHON" -m pip install --dry-run --no-deps -r "$req" 2>/dev/null | grep -q "Would install") ; then
        return 0
    fi
    say "installing the project's Python requirements ($req)"
    "$PYTHON" -m pip install -q -r "$req" || die "pip could not install $req"
}

odoo_db_args() {
    local args=(--addons-path="$ODOO_ADDONS" -c "${BANQUET_ODOO_CONF:-$PROJECT_DIR/odoo.conf}" -r "$BANQUET_DB_USER"
                --db_port="$BANQUET_DB_PORT")
    [ -n "$BANQUET_DB_HOST" ] && args+=(--db_host="$BANQUET_DB_HOST")
    printf '%s\n' "${args[@]}"
}
