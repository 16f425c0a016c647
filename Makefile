# The two commands a newcomer needs; see README.md.
.PHONY: run test bench

# Install what is missing, create the 'banquet' database with demo data, serve :8069.
run:
	@bash scripts/run.sh

# Lint + every test on fresh throw-away databases; ends with "N passed, N failed".
test:
	@bash scripts/test.sh

# The benchmarks behind the README's performance figures (a throw-away database).
bench:
	@bash scripts/bench.sh
