# kafkasec.platform - one entry point for setup, demo and tests. Every target installs what it
# needs, so `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
COLLECTIONS := $(CURDIR)/.collections
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_HOME := $(CURDIR)/.cache/ansible
# Debian packages the tests use: the OS python3 with its own cryptography and pyjks (what fleet
# hosts run), and the JDK's keytool plus openssl as independent witnesses.
OS_PACKAGES := python3 python3-cryptography python3-pyjks openssl openjdk-17-jre-headless \
  maven systemd-container openssh-server openssh-client iproute2
KAFKA_VERSION := 3.9.2
KAFKA_ARCHIVE := $(CURDIR)/tests/fleet/kafka-dist/target/kafka_2.13-$(KAFKA_VERSION).tgz
export KAFKASEC_KAFKA_ARCHIVE := $(KAFKA_ARCHIVE)
# Schema Registry and REST Proxy built from Confluent's sources (tests/fleet/confluent-dist), cached
# outside the clone; this link points at the cached tarball.
CONFLUENT_ARCHIVE := $(CURDIR)/.cache/confluent-7.9.9.tgz
export KAFKASEC_CONFLUENT_ARCHIVE := $(CONFLUENT_ARCHIVE)

.PHONY: setup os-packages demo test unit integration lint sanity bench bench-acls bench-smoke clean \
  kafka-dist confluent-dist fleet-up fleet-down molecule pki-demo collection-install bench-growth
.DEFAULT_GOAL := test

setup: $(VENV)/.installed $(COLLECTIONS)/ansible_collections/kafkasec/platform os-packages $(KAFKA_ARCHIVE) confluent-dist

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(COLLECTIONS)/ansible_collections/kafkasec/platform:
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR) $@

os-packages:
	@missing=$$(for p in $(OS_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Apache Kafka assembled from Maven Central; built once, rebuilt when its pom changes.
$(KAFKA_ARCHIVE): tests/fleet/kafka-dist/pom.xml tests/fleet/kafka-dist/src/assembly/dist.xml | os-packages
	cd tests/fleet/kafka-dist && mvn -B -q -Dkafka.version=$(KAFKA_VERSION) package
	@echo "built $@: kafka.Kafka --version prints $$(java -cp '$(CURDIR)/tests/fleet/kafka-dist/target/libs/*' kafka.Kafka --version 2>/dev/null | tail -1)"

kafka-dist: $(KAFKA_ARCHIVE)

# Checks the sources' checksums every time; builds (minutes) only when no cached tarball has their key.
confluent-dist: os-packages
	@start=$$(date +%s); tests/fleet/confluent-dist/build.sh --link $(CONFLUENT_ARCHIVE) >/dev/null; \
	  echo "confluent-dist: $(CONFLUENT_ARCHIVE) ready in $$(( $$(date +%s) - start )) s"

# The demo fleet, by hand: `make fleet-up`, then (no environment needed)
#   .venv/bin/ansible-playbook -i inventories/fleet playbooks/site.yml
fleet-up: setup
	$(BIN)/python tests/fleet/fleet.py up --fleet demo

fleet-down: setup
	$(BIN)/python tests/fleet/fleet.py down --fleet demo

# The fleet tests run the collection as users get it: built with ansible-galaxy, installed from
# the tarball (the checkout is not on that collections path).
INSTALLED := $(CURDIR)/.cache/installed
molecule: setup collection-install
	ANSIBLE_COLLECTIONS_PATH=$(INSTALLED) tests/molecule_stages.sh

collection-install: setup
	@rm -rf .cache/galaxy $(INSTALLED) && mkdir -p .cache/galaxy
	$(BIN)/ansible-galaxy collection build --output-path .cache/galaxy .
	ANSIBLE_COLLECTIONS_PATH=$(INSTALLED) $(BIN)/ansible-galaxy collection install --offline --force -p $(INSTALLED) .cache/galaxy/kafkasec-platform-*.tar.gz
	@if tar tzf .cache/galaxy/kafkasec-platform-*.tar.gz | grep -E '(__pycache__|/target/|\.venv/|\.cache/)'; then \
	  echo "the tarball holds build outputs (above)"; exit 1; fi

# The main job: the demo fleet up, the platform deployed and verified on it (the verify table),
# then where things are; it stays up until `make fleet-down`. Run it again: changed=0.
demo: setup
	$(BIN)/python tests/fleet/fleet.py up --fleet demo
	tests/fleet/demo.sh demo

# The PKI modules alone, on the controller.
pki-demo: setup
	$(BIN)/ansible-playbook -i localhost, -c local playbooks/pki_demo.yml \
	  -e ansible_python_interpreter=$(CURDIR)/$(BIN)/python -e demo_dir=$(CURDIR)/.demo

test: setup
	@tests/run_stages.sh lint sanity integration bench-smoke molecule

unit: setup
	$(BIN)/pytest -q tests/unit

integration: setup
	$(BIN)/pytest -q tests/integration tests/fleet

lint: setup
	$(BIN)/ansible-lint
	$(BIN)/python tests/tools/check_argument_specs.py
	$(BIN)/python tests/tools/role_docs.py --check

sanity: setup
	tests/ansible_test.sh

bench: setup
	$(BIN)/python tests/bench/bench_pki.py --identities 10

# Needs a converged fleet (make demo; `make test` runs it on its own fleet with FLEET=test): the
# source's topic + ACL set applied three ways. Prints figures, asserts nothing.
FLEET ?= demo
SETS ?= 3
bench-acls: setup
	$(BIN)/python -W ignore::DeprecationWarning tests/bench/bench_acls.py --sets $(SETS) \
	  --bootstrap kafka1.fleet.test:9093,kafka2.fleet.test:9093 \
	  --pki-dir /run/kafkasec-fleet/$(FLEET)/pki --kafka-libs $(CURDIR)/tests/fleet/kafka-dist/target/libs \
	  --rest-host rest1.fleet.test --connect-host connect1.fleet.test

# A short run inside `make test`: it shows the benchmark still works and prints its table.
# site with 3 and with 6 brokers on the demo fleet (booted and removed by the benchmark; ~20 min).
bench-growth: setup
	$(BIN)/python tests/bench/bench_growth.py --brokers 3 6

bench-smoke: setup
	$(BIN)/python tests/bench/bench_pki.py --identities 3

clean:
	rm -rf $(VENV) $(COLLECTIONS) .cache .demo tests/output tests/fleet/kafka-dist/target
