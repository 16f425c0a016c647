# The two commands a newcomer needs; see README.md.
.PHONY: run test test-fast screenshots bench

# Install what is missing, create the 'banquet' database with demo data, serve :8069.
run:
	@bash scripts/run.sh

# Lint + every test on fresh throw-away databases; ends with "N passed, N failed".
test:
	@bash scripts/test.sh

# The inner loop: lint + our Odoo tests on one shared database kept between runs.
test-fast:
	@BANQUET_TEST_FAST=1 bash scripts/test.sh

# Refresh the README's screenshots (docs/screenshots/) from the browser test on the demo.
screenshots:
	@bash scripts/screenshots.sh

# The benchmarks behind the README's performance figures (a throw-away database).
bench:
	@bash scripts/bench.sh
