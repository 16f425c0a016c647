# The two commands a newcomer needs; see README.md.
.PHONY: run test lint

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@python3 -m ruff check --no-fix . && python3 -m ruff format --check . && python3 -m pylint --rcfile=.pylintrc addons/*
