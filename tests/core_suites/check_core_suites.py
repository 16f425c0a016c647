"""Compare a run of Odoo core's own tests (addon banquet_core_suites) with the stock baseline.

Usage: check_core_suites.py ODOO_LOG BASELINE ODOO_EXIT_CODE

Reads the Odoo log of ``-i banquet_core_suites --test-tags /banquet_core_suites``: every
``FAIL:`` / ``ERROR:`` / ``skipped`` line of a core test and Odoo's summary ``N failed, N
error(s) of N tests``. A failure, error or skip listed in the baseline (the same suite on
stock Odoo, see stock_baseline.txt) is printed as known on stock; any other one is a
failure, printed with the head of its traceback. So is running fewer tests than stock did.
The last line is ``core suites: N passed, N failed`` for scripts/test.sh.
"""

import re
import sys
from pathlib import Path

TEST_LOGGER = "odoo.addons.banquet_core_suites.tests.test_core_suites"
OUR_ADDONS = str(Path(__file__).resolve().parents[2] / "addons")

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>\w+) \S+ (?P<logger>\S+): ")
OUTCOME = re.compile(r"(?P<outcome>FAIL|ERROR): (?P<test>.+)$")
SKIPPED = re.compile(r"skipped (?P<test>.+?) : (?P<reason>.*)$")
SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
EXCEPTION = re.compile(r"^[\w.]+(Error|Exception|Warning)\b")
# A subtest names its method then its parameters; a class fixture names its class:
# "Subtest a.b.C.test_x (login='u')", "setUpClass (odoo.addons...test_core_suites.a.b.C)".
SUBTEST = re.compile(r"^Subtest (?P<test>\S+) .*$")
FIXTURE = re.compile(r"^(?P<fixture>\w+) \((?P<where>[\w.]+)\)$")
# A class or module fixture is not a test: Odoo's count of tests leaves it out.
CLASS_FIXTURES = ("setUpClass", "tearDownClass", "setUpModule", "tearDownModule")


def test_id(description):
    """The baseline's id of a test the log describes: ``addon.core_module.Class.method``."""
    description = description.strip()
    if match := SUBTEST.match(description):
        return match["test"]
    if match := FIXTURE.match(description):
        return f"{match['where'].removeprefix(TEST_LOGGER + '.')}.{match['fixture']}"
    return description


def read_baseline(path):
    """Return (tests executed on stock, {(outcome, test id): reason})."""
    executed, known = None, {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(maxsplit=2)
        if fields[0] == "executed" and len(fields) == 2 and fields[1].isdecimal():
            executed = int(fields[1])
        elif fields[0] in ("FAIL", "ERROR", "SKIP") and len(fields) == 3:
            known[fields[0], fields[1]] = fields[2]
        else:
            sys.exit(f"{path}:{number}: expected 'executed N' or 'FAIL|ERROR|SKIP test reason'")
    if executed is None:
        sys.exit(f"{path}: no 'executed N' line")
    return executed, known


def read_log(path):
    """Return (summary counts or None, [(outcome, test id, traceback lines)])."""
    summary, results, current = None, [], None
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        record = RECORD.match(line)
        if not record:
            if current is not None:
                current[2].append(line)
            continue
        current = None
        message = line[record.end() :].rstrip()
        if match := SUMMARY.search(message):
            summary = tuple(int(count) for count in match.groups())
        # unittest reports a failed setUpClass under its own logger, naming our class.
        ours = record["logger"] == TEST_LOGGER or (
            record["logger"] == "unittest.suite" and TEST_LOGGER in message
        )
        if not ours:
            continue
        if record["level"] == "ERROR" and (match := OUTCOME.match(message)):
            current = (match["outcome"], test_id(match["test"]), [])
            results.append(current)
        elif match := SKIPPED.match(message):
            results.append(("SKIP", test_id(match["test"]), [match["reason"]]))
    return summary, results


def traceback_head(lines):
    """The core test's line and the frames in our addons (else the last frame), each once,
    then the exception's first lines: enough to find the cause."""
    frames = [
        f"{line.strip()}: {following.strip()}"
        for line, following in zip(lines, [*lines[1:], ""], strict=True)
        if line.lstrip().startswith("File ")
    ]
    wanted = [frame for frame in frames if OUR_ADDONS in frame or "/tests/test_" in frame]
    start = next((i for i, line in enumerate(lines) if EXCEPTION.match(line)), 0)
    exception = [line.strip()[:200] for line in lines[start:] if line.strip()][:3]
    return [*dict.fromkeys(wanted or frames[-1:]), *exception]


def main(log_path, baseline_path, odoo_exit_code):
    stock_executed, known = read_baseline(baseline_path)
    summary, results = read_log(log_path)
    if summary is None:
        print(f"  no test summary in {log_path}: Odoo did not get to run the core tests")
        print("core suites: 0 passed, 1 failed")
        return 1
    failed, errors, executed = summary
    changes, bad_tests = 0, set()
    for outcome, test, traceback in results:
        if not test.endswith(CLASS_FIXTURES):
            bad_tests.add(test)
        if (outcome, test) in known:
            print(f"  known on stock: {outcome} {test} ({known[outcome, test]})")
            continue
        changes += 1
        print(f"  NEW {outcome}: {test}")
        for line in traceback_head(traceback):
            print(f"      {line}")
    if executed < stock_executed:
        changes += 1
        print(
            f"  FAILED: {executed} core tests ran, stock runs {stock_executed} "
            "(a class whose setUpClass failed, or a core test module that did not load)"
        )
    named = sum(1 for outcome, _test, _traceback in results if outcome != "SKIP")
    if named != failed + errors:
        changes += 1
        print(f"  FAILED: Odoo counts {failed + errors} failures and errors, the log names {named}")
    if odoo_exit_code != 0 and failed + errors == 0:
        changes += 1
        print(f"  FAILED: Odoo exited with {odoo_exit_code}, yet no test failed (see {log_path})")
    print(
        f"  Odoo: {failed} failed, {errors} error(s) of {executed} tests; stock: {stock_executed}"
    )
    print(f"core suites: {max(executed - len(bad_tests), 0)} passed, {changes} failed")
    return 1 if changes else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
