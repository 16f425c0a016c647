#!/usr/bin/env bash
# make test: lint, each addon's install alone, our Odoo tests on copies of one database with
# all three addons and demo data, the whole-system tests that drive a real Odoo server over
# HTTP/JSON-RPC, then Odoo core's own suites with our addons installed. Stages that do not
# depend on each other run side by side, one per core. Ends with "N passed, N failed";
# non-zero on failure.
set -uo pipefail
source "$(dirname "$0")/common.sh"

RUN_ID="$(date +%s)_$$"
LOG_DIR="${BANQUET_TEST_LOG_DIR:-$PROJECT_DIR/.test-logs}"
mkdir -p "$LOG_DIR"
ALL_MODULES="hotel_banquet_crm,hotel_banquet_contract,hotel_banquet_eo"
ALL_TAGS="/hotel_banquet_crm,/hotel_banquet_contract,/hotel_banquet_eo"
PASSED=0
FAILED=0
DBS=()

cleanup() {
    if [ "${KEEP_DB:-0}" != "1" ]; then
        for db in "${DBS[@]}"; do
            dropdb "${PG_ARGS[@]}" --if-exists "$db" >/dev/null 2>&1
            [ -n "${FILESTORE:-}" ] && rm -rf "${FILESTORE:?}/$db"
        done
    fi
}
trap cleanup EXIT

check_postgres
find_odoo
check_odoo_python
ensure_requirements

# Test tools and the headless browser the tours need: installed when absent, never skipped.
ensure_test_tools() {
    if ! (cd /tmp && "$PYTHON" -m pip install --dry-run --no-deps -r "$PROJECT_DIR/requirements-dev.txt" 2>/dev/null \
            | grep -q "Would install"); then
        :
    else
        say "installing test tools (requirements-dev.txt)"
        "$PYTHON" -m pip install -q -r "$PROJECT_DIR/requirements-dev.txt" || die "pip could not install requirements-dev.txt"
    fi
    # The browser tours need chromium; the run-command test starts 'make run', which
    # checks wkhtmltopdf; the Event Order PDF tests embed the Chinese font of
    # fonts-wqy-zenhei. All come from Debian when absent.
    local packages=()
    if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
            && ! command -v google-chrome >/dev/null && ! command -v google-chrome-stable >/dev/null; then
        packages+=(chromium)
    fi
    command -v wkhtmltopdf >/dev/null || packages+=(wkhtmltopdf)
    # The browser test renders the Event Order PDF's first page for the README with pdftoppm.
    command -v pdftoppm >/dev/null || packages+=(poppler-utils)
    [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || packages+=(fonts-wqy-zenhei)
    if [ "${#packages[@]}" != "0" ]; then
        say "installing Debian's ${packages[*]} for the tests"
        local sudo=()
        [ "$(id -u)" != "0" ] && sudo=(sudo -n)
        "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null \
            || die "could not install ${packages[*]}; run: sudo apt-get install ${packages[*]}"
    fi
}
ensure_test_tools
mapfile -t ODOO_ARGS < <(odoo_db_args)

# --- stages side by side -----------------------------------------------------------------
# A stage runs in a subshell with its output in LOG_DIR/stage_NAME.out and its counts in
# LOG_DIR/stage_NAME.count; the stages started together share the machine's cores, and
# their output is printed in the order they were started once all of them ended.
STAGES=()
rm -f "$LOG_DIR"/stage_*.count "$LOG_DIR"/stage_*.out
start_stage() {  # start_stage NAME COMMAND [ARGS...]
    local name="$1"; shift
    STAGES+=("$name")
    (
        PASSED=0 FAILED=0
        "$@"
        echo "$PASSED $FAILED" >"$LOG_DIR/stage_$name.count"
    ) >"$LOG_DIR/stage_$name.out" 2>&1 &
}
wait_stages() {
    wait
    local name passed failed
    for name in "${STAGES[@]}"; do
        cat "$LOG_DIR/stage_$name.out"
        if read -r passed failed <"$LOG_DIR/stage_$name.count" 2>/dev/null; then
            PASSED=$((PASSED + passed)); FAILED=$((FAILED + failed))
        else
            say "FAILED: stage $name ended without a result"; FAILED=$((FAILED + 1))
        fi
    done
    STAGES=()
}

free_port() {
    "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- lint -------------------------------------------------------------------------------
run_lint() {
    local name="$1" start=$SECONDS; shift
    say "lint: $name"
    if (cd "$PROJECT_DIR" && "$@"); then
        PASSED=$((PASSED + 1))
    else
        FAILED=$((FAILED + 1)); say "FAILED: $name"
    fi
    say "lint: $name ($((SECONDS - start)) s)"
}
lint_all() {
    run_lint "ruff" "$PYTHON" -m ruff check --no-fix .
    run_lint "ruff format" "$PYTHON" -m ruff format --check .
    run_lint "pylint-odoo (OCA configuration)" "$PYTHON" -m pylint --rcfile=.pylintrc addons/hotel_banquet_crm addons/hotel_banquet_contract addons/hotel_banquet_eo
    run_lint "oca-checks-odoo-module (XML, CSV)" "$PYTHON" -c 'import sys; from oca_pre_commit_hooks.cli import main; sys.exit(main())' addons/hotel_banquet_crm addons/hotel_banquet_contract addons/hotel_banquet_eo
    run_lint "oca-checks-po (translations)" "$PYTHON" -c 'import sys; from oca_pre_commit_hooks.cli_po import main; sys.exit(main())' addons/hotel_banquet_crm/i18n/zh_CN.po addons/hotel_banquet_contract/i18n/zh_CN.po addons/hotel_banquet_eo/i18n/zh_CN.po
}

# --- Odoo tests -------------------------------------------------------------------------
# count_odoo_tests NAME LOG RC: add the result of the Odoo test run logged in LOG.
count_odoo_tests() {
    local name="$1" log="$2" rc="$3"
    local summary failed=0 errors=0 total=0 skipped
    summary="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading' "$log" | tail -1)"
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        failed="${BASH_REMATCH[1]}"; errors="${BASH_REMATCH[2]}"; total="${BASH_REMATCH[3]}"
    fi
    skipped="$(grep -cE 'odoo\.tests\.result: skipped|\.test_[a-z0-9_]+.*: skipped |SkipTest' "$log")"
    skipped="${skipped:-0}"
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -20
    local bad=$((failed + errors))
    PASSED=$((PASSED + total - bad))
    FAILED=$((FAILED + bad))
    if [ "$rc" != "0" ] && [ "$bad" = "0" ]; then
        say "FAILED [$name]: odoo exited with $rc"; FAILED=$((FAILED + 1))
    fi
    if [ "$total" = "0" ]; then
        say "FAILED [$name]: no test ran"; FAILED=$((FAILED + 1))
    fi
    if [ "$skipped" != "0" ]; then
        grep -E 'skipped|SkipTest' "$log" | head -5
        say "FAILED [$name]: $skipped test(s) skipped; every test must run (is chromium installed?)"
        FAILED=$((FAILED + skipped))
    fi
    ODOO_SUMMARY="${summary:-no summary}"
}

# make test-fast (BANQUET_TEST_FAST=1): lint, then our Odoo tests on one shared database
# with demo data that is kept between runs (BANQUET_FAST_DB, default banquet_fast): built
# the first time, upgraded with the tests after.
if [ "${BANQUET_TEST_FAST:-0}" = "1" ]; then
    lint_all
    FAST_DB="${BANQUET_FAST_DB:-banquet_fast}"
    mode=(-u "$ALL_MODULES")
    db_exists "$FAST_DB" || mode=(-i "$ALL_MODULES,payment_demo")
    log="$LOG_DIR/odoo_fast.log" start=$SECONDS
    say "fast: our Odoo tests on $FAST_DB (${mode[0]}; log: $log)"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$FAST_DB" "${mode[@]}" --test-tags "$ALL_TAGS" \
        --stop-after-init --log-level=info --http-port="$(free_port)" >"$log" 2>&1
    rc=$?
    summary="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading' "$log" | tail -1)"
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -20
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        bad=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
        PASSED=$((PASSED + BASH_REMATCH[3] - bad)); FAILED=$((FAILED + bad))
    else
        FAILED=$((FAILED + 1))
    fi
    [ "$rc" != "0" ] && [ "$FAILED" = "0" ] && FAILED=1
    say "fast: ${summary:-no summary} ($((SECONDS - start)) s)"
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = "0" ]
    exit
fi

# run_install_check NAME MODULES DB: install MODULES on DB (created when missing) without
# demo data and without tests; one check: Odoo exits 0 and logs no ERROR.
run_install_check() {
    local name="$1" modules="$2" db="$3" log="$LOG_DIR/odoo_install_${1}.log" start=$SECONDS
    say "install check [$name]: $modules on $db (log: $log)"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$db" -i "$modules" --without-demo=all \
        --stop-after-init --log-level=info --http-port="$(free_port)" >"$log" 2>&1
    local rc=$?
    if [ "$rc" = "0" ] && ! grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        PASSED=$((PASSED + 1))
        say "install check [$name]: installed ($((SECONDS - start)) s)"
    else
        grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -20
        say "FAILED [install check $name]: odoo exited with $rc ($((SECONDS - start)) s)"
        FAILED=$((FAILED + 1))
    fi
}

# build_demo_db DB: the three addons with demo data (and Odoo's demo payment provider,
# which the online deposit payment tests need and no addon of ours depends on), installed
# once, without tests; one check: Odoo exits 0, logs no ERROR and loads every demo file.
build_demo_db() {
    local db="$1" log="$LOG_DIR/odoo_install_demo.log" start=$SECONDS
    say "demo database: $ALL_MODULES and payment_demo with demo data on $db (log: $log)"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$db" -i "$ALL_MODULES,payment_demo" \
        --stop-after-init --log-level=info --http-port="$(free_port)" >"$log" 2>&1
    local rc=$?
    if grep -q "demo data failed to install" "$log"; then
        grep -B5 "demo data failed to install" "$log" | head -20
        say "FAILED [demo database]: demo data failed to install (the lines above say which file)"
        FAILED=$((FAILED + 1))
    elif [ "$rc" = "0" ] && ! grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        PASSED=$((PASSED + 1))
        say "demo database: installed ($((SECONDS - start)) s)"
        return 0
    else
        grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -20
        say "FAILED [demo database]: odoo exited with $rc"
        FAILED=$((FAILED + 1))
    fi
    return 1
}

# copy_db SOURCE TARGET: a copy of a database made with createdb -T, with its filestore
# (attachments such as the Event Order PDFs live there).
FILESTORE="${BANQUET_DATA_DIR:-$HOME/.local/share/Odoo}/filestore"
copy_db() {
    createdb "${PG_ARGS[@]}" -T "$1" "$2" || return 1
    if [ -d "$FILESTORE/$1" ]; then
        rm -rf "${FILESTORE:?}/$2" && cp -a "$FILESTORE/$1" "$FILESTORE/$2"
    fi
}

# run_odoo_tests NAME DB TAGS: the tests of TAGS on DB, a copy of the demo database (our
# tests are all post_install: they run on an installed database, no module update).
run_odoo_tests() {
    local name="$1" db="$2" tags="$3" log="$LOG_DIR/odoo_${1}.log" start=$SECONDS
    say "odoo tests [$name]: $tags on $db (log: $log)"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$db" --test-tags "$tags" \
        --stop-after-init --log-level=info --http-port="$(free_port)" >"$log" 2>&1
    count_odoo_tests "$name" "$log" "$?"
    say "odoo tests [$name]: $ODOO_SUMMARY ($((SECONDS - start)) s)"
}

# install_checks: each addon's install on its own, without re-running its suite: the CRM
# addon alone on an empty database (no demo data), then the contract addon on top of it,
# then the Event Order addon. Odoo core's own suites then run on that database (below).
install_checks() {
    run_install_check crm hotel_banquet_crm "$CORE_DB"
    run_install_check contract hotel_banquet_contract "$CORE_DB"
    run_install_check eo hotel_banquet_eo "$CORE_DB"
}

# --- Odoo core's own tests with our addons installed ------------------------------------
# Installing the Banquet addons must change nothing for anyone outside banquet roles: Odoo's
# own tests of crm, sale, sale_crm and sale_management run on the database of the install
# checks (our three addons, no demo data), through the test-only addon
# tests/core_suites/banquet_core_suites, which depends on core only so that it also runs on
# stock Odoo. What fails, errors or is skipped
# there too (tests/core_suites/stock_baseline.txt) is reported as known; the rest fails.
run_core_suites() {
    local db="$CORE_DB" start=$SECONDS log="$LOG_DIR/odoo_core_suites.log"
    say "core suites: Odoo's tests of crm, sale, sale_crm, sale_management on $db, which has our three addons without demo data (log: $log)"
    # The second --addons-path replaces the one in ODOO_ARGS, for this step only.
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" --addons-path="$PROJECT_DIR/tests/core_suites,$ODOO_ADDONS" \
        -d "$db" -i banquet_core_suites --test-tags /banquet_core_suites --without-demo=all \
        --stop-after-init --log-level=info --http-port="$(free_port)" >"$log" 2>&1
    local rc=$? report
    report="$("$PYTHON" "$PROJECT_DIR/tests/core_suites/check_core_suites.py" "$log" \
        "$PROJECT_DIR/tests/core_suites/stock_baseline.txt" "$rc")"
    echo "$report"
    if [[ "$(tail -1 <<<"$report")" =~ core\ suites:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
        PASSED=$((PASSED + BASH_REMATCH[1])); FAILED=$((FAILED + BASH_REMATCH[2]))
        [ "${BASH_REMATCH[2]}" != "0" ] && say "FAILED [core suites]: ${BASH_REMATCH[2]} change(s) from stock Odoo (above)"
    else
        say "FAILED [core suites]: check_core_suites.py gave no result"; FAILED=$((FAILED + 1))
    fi
    say "core suites: Odoo's tests ran in $((SECONDS - start)) s"
}

# --- whole-system tests over HTTP/JSON-RPC ----------------------------------------------
run_system_tests() {
    local db="$1" start=$SECONDS
    say "whole-system tests on $db"
    export BANQUET_TEST_DB="$db" BANQUET_DB_USER BANQUET_DB_HOST BANQUET_DB_PORT PYTHON
    export BANQUET_ODOO_CMD="${ODOO_CMD[*]}" BANQUET_ODOO_ARGS="${ODOO_ARGS[*]}"
    export BANQUET_SCREENSHOT_DIR="${BANQUET_SCREENSHOT_DIR:-$LOG_DIR/screenshots}"
    (cd "$PROJECT_DIR" && "$PYTHON" -m pytest -p no:cacheprovider tests) >"$LOG_DIR/pytest.log" 2>&1
    local prc=$? line p f e s
    cat "$LOG_DIR/pytest.log"
    line="$(grep -E '^=+ .*(passed|failed|error).* =+$' "$LOG_DIR/pytest.log" | tail -1)"
    p="$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
    f="$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
    e="$(grep -oE '[0-9]+ error' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
    s="$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
    PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + ${f:-0} + ${e:-0} + ${s:-0}))
    if [ "$prc" != "0" ] && [ $((${f:-0} + ${e:-0})) = "0" ]; then FAILED=$((FAILED + 1)); fi
    [ "${s:-0}" != "0" ] && say "FAILED: $s whole-system test(s) skipped"
    say "whole-system tests: $((SECONDS - start)) s"
}

# --- the run ------------------------------------------------------------------------------
CORE_DB="banquet_test_core_${RUN_ID}"
ALL_DB="banquet_test_demo_${RUN_ID}"
CONTRACT_DB="banquet_test_contract_${RUN_ID}"
CRM_EO_DB="banquet_test_crm_eo_${RUN_ID}"
SYS_DB="banquet_test_system_${RUN_ID}"
DBS+=("$CORE_DB" "$ALL_DB" "$CONTRACT_DB" "$CRM_EO_DB" "$SYS_DB")

# 1. lint, each addon's install alone, the demo database: side by side.
phase=$SECONDS
say "stage 1: lint, install checks and the demo database, side by side"
start_stage lint lint_all
start_stage install install_checks
start_stage demo build_demo_db "$ALL_DB"
wait_stages
say "stage 1: $((SECONDS - phase)) s"

# 2. our Odoo tests on two copies of the demo database, side by side (the contract addon's
# suite on one, the CRM and Event Order addons' on the other); the whole-system tests get a
# third copy, untouched by any test.
if db_exists "$ALL_DB" && copy_db "$ALL_DB" "$CONTRACT_DB" && copy_db "$ALL_DB" "$CRM_EO_DB" \
        && copy_db "$ALL_DB" "$SYS_DB"; then
    phase=$SECONDS
    say "stage 2: our Odoo tests on copies of the demo database, side by side"
    start_stage tests_contract run_odoo_tests contract "$CONTRACT_DB" /hotel_banquet_contract
    start_stage tests_crm_eo run_odoo_tests crm_eo "$CRM_EO_DB" /hotel_banquet_crm,/hotel_banquet_eo
    wait_stages
    say "stage 2: $((SECONDS - phase)) s"
    # 3. the whole-system tests
    run_system_tests "$SYS_DB"
else
    say "FAILED: no demo database to copy for our Odoo tests and the whole-system tests"
    FAILED=$((FAILED + 1))
fi
say "lint, install checks, our Odoo tests and the whole-system tests took $SECONDS s"

# 4. Odoo core's own suites on the install checks' database.
run_core_suites

say "make test took $SECONDS s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = "0" ]
