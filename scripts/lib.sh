# Shared set-up for scripts/demo and scripts/test: installs what is missing, starts
# PostgreSQL and Redis when none answer. Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SOCIALROADMAP_VENV:-$ROOT/.venv}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
APT_UPDATED=""

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  # Install the Debian packages among "$@" that are not installed yet.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "socialroadmap needs Python 3.11 or newer; none was found" >&2
  return 1
}

ensure_venv() {
  # ensure_venv [extras]: a virtual environment with the package installed (editable).
  local extras="${1:-}" spec="." stamp
  [ -n "$extras" ] && spec=".[${extras}]"
  local python; python="$(find_python)"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then apt_install python3-venv; fi
    say "Creating the virtual environment in $VENV"
    "$python" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
  fi
  stamp="$VENV/.socialroadmap-installed-$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    say "Installing socialroadmap and its dependencies ($spec)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -e "$ROOT$( [ -n "$extras" ] && echo "[$extras]")"
    touch "$stamp"
  fi
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ensure_redis() {
  # Sets SOCIALROADMAP_TEST_REDIS_URL: the machine's Redis on 6379, or a throwaway one.
  if command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; then
    export SOCIALROADMAP_TEST_REDIS_URL="redis://127.0.0.1:6379/15"
    return 0
  fi
  apt_install redis-server
  local port dir; port="$(free_port)"; dir="$(mktemp -d)"
  say "Starting a throwaway Redis on 127.0.0.1:$port"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  CLEANUP+=("redis-cli -h 127.0.0.1 -p $port shutdown nosave >/dev/null 2>&1 || true")
  for _ in $(seq 50); do [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ] && break; sleep 0.1; done
  export SOCIALROADMAP_TEST_REDIS_URL="redis://127.0.0.1:$port/15"
}

ensure_postgres() {
  # Sets SOCIALROADMAP_TEST_DATABASE_URL: the machine's PostgreSQL on 5432, or a throwaway cluster.
  if command -v psql >/dev/null 2>&1 && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    export SOCIALROADMAP_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/socialroadmap"
    return 0
  fi
  apt_install postgresql
  local bindir port dir
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  port="$(free_port)"; dir="$(mktemp -d)"
  say "Starting a throwaway PostgreSQL cluster on 127.0.0.1:$port"
  local run=()
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  CLEANUP+=("${run[*]} $bindir/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1 || true")
  export SOCIALROADMAP_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/socialroadmap"
}

CLEANUP=()
cleanup() { for cmd in "${CLEANUP[@]}"; do eval "$cmd"; done; }
trap cleanup EXIT
