#!/usr/bin/env bash
# Runs every test of Mobilité: formatting and vet checks, then the whole suite with the race
# detector on SQLite and PostgreSQL, browser tests included. It first makes sure what the tests
# need is there: Chromium (Debian's package) and a PostgreSQL server on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

# Chromium for the browser tests.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium (Debian package) for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium)"
    exit 1
  fi
fi

# PostgreSQL: use MOBILITE_TEST_POSTGRES if given, else the local server (started if needed).
export MOBILITE_TEST_POSTGRES="${MOBILITE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_ready; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "starting the local PostgreSQL server"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing PostgreSQL (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { say "no PostgreSQL server on 127.0.0.1:5432 (set MOBILITE_TEST_POSTGRES)"; exit 1; }
fi

say "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './data/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
say "go vet"
go vet ./...

say "go test -race (SQLite and PostgreSQL, browser tests included)"
export MOBILITE_TEST_OUT="${MOBILITE_TEST_OUT:-$PWD/out/test}"
mkdir -p "$MOBILITE_TEST_OUT"
go test -race -count=1 -timeout 20m ./...
say "all tests passed; screenshots in $MOBILITE_TEST_OUT"
