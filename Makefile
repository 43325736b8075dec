# Flywheel Glossary: every target bootstraps .venv from requirements.lock when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
CONFIG ?= mkdocs.yml
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.package-lock.json

.PHONY: serve build test check lint lock clean

# npm packages for the browser checks (axe-core in the tests, Lighthouse in benchmarks/),
# pinned in package-lock.json; installed when the lock is newer than node_modules.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $(NODE_STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --config-file $(CONFIG) --dev-addr $(ADDR)

# Strict build into site.new/, swapped into site/ only on success: a failed build leaves
# the last good site in place and no site.new/ behind. One build at a time per site: the
# lock (flock, util-linux) makes a second `make build` wait for the first.
build: $(STAMP)
	@exec 9>"$(abspath $(SITE)).lock"; \
	if ! flock --nonblock 9; then \
	  echo "make build: another build of $(SITE)/ is running (lock $(SITE).lock); waiting for it..."; \
	  flock 9; \
	fi; \
	trap 'rm -rf "$(abspath $(SITE)).new"' EXIT INT TERM; \
	rm -rf "$(abspath $(SITE)).new"; \
	$(BIN)/mkdocs build --strict --config-file $(CONFIG) --site-dir "$(abspath $(SITE)).new" || exit 1; \
	rm -rf "$(abspath $(SITE)).old"; \
	if [ -d "$(abspath $(SITE))" ]; then mv "$(abspath $(SITE))" "$(abspath $(SITE)).old"; fi; \
	mv "$(abspath $(SITE)).new" "$(abspath $(SITE))"; rm -rf "$(abspath $(SITE)).old"; \
	echo "Built $(SITE)/"

check: $(STAMP)
	$(BIN)/glossary check glossary

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest

lock: $(STAMP)
	@echo "Resolve requirements.in in a scratch venv and write requirements.lock"
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install -q -r requirements.in
	(echo "# Pinned dependencies: the full resolved set. Regenerate with 'make lock' after editing requirements.in."; \
	 .lockvenv/bin/pip freeze --exclude pip --exclude setuptools; echo "setuptools==80.9.0") > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf site site.new site.old site.lock .cache
