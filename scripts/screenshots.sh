#!/usr/bin/env bash
# make screenshots: the browser test of the main screens on a fresh demo database, writing
# its pictures into docs/screenshots/ (the README's guided tour); make test writes them
# into .test-logs/screenshots/ and leaves the committed ones alone.
set -Eeuo pipefail
source "$(dirname "$0")/common.sh"
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

check_postgres
find_odoo
check_odoo_python
mapfile -t ODOO_ARGS < <(odoo_db_args)
export BANQUET_DB_USER BANQUET_DB_HOST BANQUET_DB_PORT PYTHON
export BANQUET_ODOO_CMD="${ODOO_CMD[*]}" BANQUET_ODOO_ARGS="${ODOO_ARGS[*]}"
export BANQUET_SCREENSHOT_DIR="$PROJECT_DIR/docs/screenshots"
cd "$PROJECT_DIR"
exec "$PYTHON" -m pytest -p no:cacheprovider tests/test_system_browser.py
