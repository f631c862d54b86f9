#!/usr/bin/env bash
# Runs every CustomerCare test: unit, component (bUnit), integration (SQLite and PostgreSQL) and browser
# (Playwright in Debian's Chromium).
#
# It installs what is missing (chromium, postgresql, redis-server, nginx) with apt-get when it can, starts
# PostgreSQL and Redis on 127.0.0.1 for this run only, and stops them again when it ends. Under
# CI=true a dependency that could not be provided makes the tests that need it fail, not skip.
#
# The sign-in tests' OpenID Connect provider is the npm package oidc-provider, installed into tests/oidc-provider with
# npm ci from its lock file.
#
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Providers]
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
WORK="$(mktemp -d /tmp/customercare-test.XXXXXX)"
PIDS_TO_STOP=()
PG_BIN=""
PG_DATA=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  local code=$?
  if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  fi
  for pid in "${PIDS_TO_STOP[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT INT TERM

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

install_missing() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  # nginx balances the two-server tests; each test runs its own on a free port with its own config.
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  # aiosmtpd is the real SMTP server the mail tests start on 127.0.0.1 (Debian's python3, not a pyenv one).
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  # node and npm run the real OpenID Connect provider (the npm package oidc-provider) of the sign-in tests.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [[ ${#missing[@]} -eq 0 ]]; then return 0; fi
  log "Installing ${missing[*]} (apt-get)"
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
     && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    # Debian starts a cluster, a redis service and nginx on port 80 on install (where services may
    # start); this run uses its own on other ports and never talks to those.
    return 0
  fi
  echo "Could not install ${missing[*]}: the tests that need them will skip (or fail under CI=true)." >&2
}

start_postgres() {
  local initdb
  initdb=$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1 || true)
  if [[ -z "$initdb" ]]; then echo "PostgreSQL is not installed: PostgreSQL tests will skip (fail under CI)." >&2; return 0; fi
  PG_BIN="$(dirname "$initdb")"
  local port; port=$(free_port 55432)
  mkdir -p "$WORK/pg"
  [[ $EUID -eq 0 ]] && chown postgres "$WORK" "$WORK/pg"
  PG_DATA="$WORK/pg/data"
  log "Starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 >/dev/null
  # A throwaway cluster: durability off makes the suite faster and changes nothing it proves.
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export CUSTOMERCARE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Maximum Pool Size=40"
}

start_redis() {
  if ! command -v redis-server >/dev/null; then echo "Redis is not installed: Redis tests will skip (fail under CI)." >&2; return 0; fi
  local port; port=$(free_port 56379)
  log "Starting Redis on 127.0.0.1:$port"
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize no --logfile "$WORK/redis.log" &
  PIDS_TO_STOP+=($!)
  export CUSTOMERCARE_TEST_REDIS="127.0.0.1:$port"
}

# The OpenID Connect provider's packages, exactly as tests/oidc-provider/package-lock.json pins them. A rerun with the
# same lock file installs nothing (and needs no network); a changed lock file installs afresh.
install_oidc_provider() {
  local dir="$ROOT/tests/oidc-provider" stamp
  if ! command -v npm >/dev/null; then echo "npm is not installed: the OpenID Connect tests will skip (fail under CI)." >&2; return 0; fi
  stamp="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$dir/node_modules/.customercare-lock" && "$(cat "$dir/node_modules/.customercare-lock")" == "$stamp" ]]; then return 0; fi
  log "Installing the test OpenID Connect provider (npm ci)"
  if (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    echo "$stamp" > "$dir/node_modules/.customercare-lock"
  else
    echo "npm ci failed in tests/oidc-provider: the OpenID Connect tests will skip (fail under CI)." >&2
  fi
}

install_missing
install_oidc_provider
start_postgres
start_redis
# A browser already named (CUSTOMERCARE_CHROMIUM=/nonexistent shows how a missing one is reported) is kept.
if [[ -z "${CUSTOMERCARE_CHROMIUM:-}" && -x /usr/bin/chromium ]]; then export CUSTOMERCARE_CHROMIUM=/usr/bin/chromium; fi
if [[ -x /usr/sbin/nginx ]]; then
  export CUSTOMERCARE_NGINX=/usr/sbin/nginx
else
  echo "nginx is not installed: the two-server tests will skip (fail under CI)." >&2
fi

log "Running every test (dotnet test CustomerCare.sln)"
set +e
dotnet test CustomerCare.sln --nologo "$@" 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "\n%d passed, %d failed, %d skipped\n", p, f, s }' "$WORK/test.log"
exit "$status"
