#!/usr/bin/env bash
# make bench: the benchmarks behind the README's performance figures, on a throw-away
# database (the three addons without demo data), each beside the stock Odoo job nearest to
# it, measured in the same run. Prints the figures; asserts nothing.
set -Eeuo pipefail
source "$(dirname "$0")/common.sh"
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

DB="banquet_bench_$$"
SIZES="${BANQUET_BENCH_SIZES:-1000,10000,100000}"

check_postgres
find_odoo
check_odoo_python
ensure_requirements
mapfile -t ODOO_ARGS < <(odoo_db_args)

cleanup() { dropdb "${PG_ARGS[@]}" --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); load $(cut -d' ' -f1-3 /proc/loadavg)"
say "creating the throw-away database $DB (the three addons, no demo data)"
"${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i hotel_banquet_crm,hotel_banquet_contract,hotel_banquet_eo \
    --without-demo=all --stop-after-init --log-level=warn

cd "$PROJECT_DIR"
export ODOO_DIR="$ODOO_HOME"
say "bookings at $SIZES existing bookings (tests/bench/bench_booking.py)"
"$PYTHON" tests/bench/bench_booking.py -d "$DB" --sizes "$SIZES"
say "Event Order PDF (tests/bench/bench_eo_pdf.py)"
"$PYTHON" tests/bench/bench_eo_pdf.py -d "$DB"
say "intake API at 1 and 4 clients, workers=2 (tests/bench/bench_intake.py)"
"$PYTHON" tests/bench/bench_intake.py -d "$DB"
