#!/usr/bin/env bash
# make run: install what is missing, create the 'banquet' database with the three addons
# and demo data when it does not exist, then serve Odoo at http://localhost:${BANQUET_HTTP_PORT}.
set -Eeuo pipefail
source "$(dirname "$0")/common.sh"
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

DB="${BANQUET_DB:-banquet}"
HTTP_PORT="${BANQUET_HTTP_PORT:-8069}"
MODULES="hotel_banquet_crm,hotel_banquet_contract,hotel_banquet_eo"

check_postgres
find_odoo
check_odoo_python
[ "${BANQUET_SKIP_WKHTMLTOPDF:-0}" = "1" ] || check_wkhtmltopdf
ensure_requirements
# Event Order PDFs embed a Chinese font; without one they fall back to a non-embedded font.
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || [ -n "${BANQUET_CJK_FONT:-}" ] \
    || say "warning: fonts-wqy-zenhei is not installed: Chinese in Event Order PDFs is not embedded (sudo apt-get install fonts-wqy-zenhei, or set BANQUET_CJK_FONT=/path/font.ttc:0)"
# The project's odoo.conf has no master password (the database manager is closed); this
# machine's copy gets a random one, kept out of git and readable by its owner only.
if [ -z "${BANQUET_ODOO_CONF:-}" ]; then
    BANQUET_ODOO_CONF="$PROJECT_DIR/.local/odoo.conf"
    if [ ! -f "$BANQUET_ODOO_CONF" ]; then
        mkdir -p "$(dirname "$BANQUET_ODOO_CONF")"
        (umask 077 && "$PYTHON" - "$PROJECT_DIR/odoo.conf" "$BANQUET_ODOO_CONF" <<'PY'
import re, secrets, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"^admin_passwd =.*$", "admin_passwd = " + secrets.token_urlsafe(32), text, flags=re.M)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
        )
        say "wrote this machine's Odoo configuration with a random master password: $BANQUET_ODOO_CONF (git-ignored)"
    fi
fi
export BANQUET_ODOO_CONF
mapfile -t ODOO_ARGS < <(odoo_db_args)

installed="$("${PSQL[@]}" -d "$DB" -Atqc \
    "select count(*) from ir_module_module where name in ('hotel_banquet_crm','hotel_banquet_contract','hotel_banquet_eo') and state = 'installed'" 2>/dev/null || echo 0)"
if ! db_exists "$DB" || [ "$installed" != "3" ]; then
    say "creating database '$DB' with the Banquet addons and demo data (a few minutes the first time)"
    # The CRM addon first: its demo makes the company a Shanghai hotel working in CNY, which
    # Odoo allows only before accounting has journal items; accounting then installs China's
    # chart of accounts for it.
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i hotel_banquet_crm --stop-after-init --log-level=warn \
        || die "installing hotel_banquet_crm into '$DB' failed (the Odoo log above says why).
  Drop the half-made database (dropdb $DB) and run make run again."
    # (the CRM addon is installed: naming it again would load its data and demo twice)
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i "hotel_banquet_contract,hotel_banquet_eo" \
        --stop-after-init --log-level=warn \
        || die "installing the Banquet addons into '$DB' failed (the Odoo log above says why).
  Drop the half-made database (dropdb $DB) and run make run again."
elif [ "${BANQUET_UPDATE:-0}" = "1" ]; then
    say "updating the Banquet addons in '$DB'"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -u "$MODULES" --stop-after-init --log-level=warn \
        || die "updating the Banquet addons in '$DB' failed (the Odoo log above says why)."
fi

say "Odoo with the Banquet app: http://localhost:$HTTP_PORT/web/login (database '$DB', login admin / admin)"
exec "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" --db-filter="^${DB}\$" --http-port="$HTTP_PORT"
