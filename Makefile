# One named task per job. `make help` lists them.
.DEFAULT_GOAL := help
PY := .venv/bin/python

.PHONY: help setup run test test-fast lint typecheck check-all eval eval-realcopy eval-realcopy-sample bench bench-bot docs kb kb-probe manifests

help: ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-11s %s\n", $$1, $$2}'

setup: ## create .venv and install Copydesk with its dev tools
	@scripts/setup.sh

run: setup ## start the bot if Slack tokens are set, else check the sample article
	@.venv/bin/copydesk start

test: ## run the whole test suite (installs what it needs, PostgreSQL included)
	@scripts/test.sh

test-fast: setup ## the tests that need no PostgreSQL and no extra processes, on every CPU (< 1 min)
	@env -u COPYDESK_TEST_POSTGRES_URL $(PY) -m pytest -q -m "not slow and not postgres" -n auto

lint: setup ## ruff, and the import-linter contracts that keep the layers apart (pyproject.toml)
	@.venv/bin/ruff check bot tests bench && .venv/bin/ruff format --check bot tests bench
	@.venv/bin/lint-imports --no-cache

typecheck: setup ## mypy (strict) on bot/
	@.venv/bin/mypy

check-all: lint typecheck test ## lint, typecheck and test

eval: setup ## score the checker on ../shared/eval/dev.yaml
	@$(PY) ../shared/eval/score.py ../shared/eval/dev.yaml --cmd ".venv/bin/copydesk check --format json"

eval-realcopy: setup ## score on 500 real published articles (../shared/eval/realcopy-dev.yaml), recall per injection kind
	@$(PY) scripts/eval_realcopy.py

eval-realcopy-sample: setup ## the same on a spread sample of 300 cases, for iteration (about a minute)
	@$(PY) scripts/eval_realcopy.py --sample 300

bench: setup ## engine and knowledge-base benchmarks, beside proselint (figures, not pass/fail)
	@$(PY) bench/bench_engine.py && $(PY) bench/bench_kb.py

bench-bot: setup ## Slack bot benchmarks: one process on SQLite, two replicas on PostgreSQL
	@$(PY) bench/bench_slack.py && $(PY) bench/bench_replicas.py

docs: setup ## regenerate docs/rules.md from the rule packs
	@$(PY) -m bot.engine.docs > docs/rules.md

manifests: setup ## regenerate the Slack app manifests in deploy/slack from bot/slack/surfaces
	@$(PY) -m bot.slack.manifest deploy/slack

kb: setup ## validate the knowledge base and prebuild its index
	@.venv/bin/copydesk kb build

kb-probe: setup ## the knowledge-base probe: hand-checked facts and spellings (bench/kb-probe)
	@$(PY) bench/kb_probe.py
