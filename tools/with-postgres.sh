#!/usr/bin/env bash
# with-postgres.sh CMD [ARG…] — runs CMD beside a throwaway PostgreSQL cluster with PostGIS.
#
# The cluster lives in a temporary directory: initdb'd there as an unprivileged user (nobody when
# run as root, as CI does), listening on a private Unix socket in that directory and on a free
# port of 127.0.0.1 only. CMD gets HABITAT_TEST_POSTGRES, the URI of a database with PostGIS,
# and HABITAT_TEST_POSTGRES_BARE, one of a database without it (more below). The cluster is stopped and the
# directory removed when CMD ends, whatever its outcome; CMD's exit status is the script's.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 CMD [ARG…]" >&2; exit 2; }
bin=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bin/initdb" ] || bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "with-postgres.sh: PostgreSQL's initdb not found (apt-get install postgresql)" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then owner=nobody; as_owner=(runuser -u nobody --); else owner=$(id -un); as_owner=(); fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/habitat-pg.XXXXXX")
chmod 755 "$dir"
chown "$owner" "$dir"
stop() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
echo "$password" > "$dir/password"
chown "$owner" "$dir/password"
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U habitat --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
start=("${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s start
       -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=60")
"${start[@]}" || { cat "$dir/server.log" >&2; exit 1; }
psql() { command psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U habitat "$@"; }
psql -d postgres -c "CREATE DATABASE habitat_test" -c "CREATE DATABASE habitat_bare"
psql -d habitat_test -c "CREATE EXTENSION postgis"

host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")
export HABITAT_TEST_POSTGRES="postgresql://habitat@$host:$port/habitat_test"
export HABITAT_TEST_POSTGRES_BARE="postgresql://habitat@$host:$port/habitat_bare"
# The password, for tests that connect over TCP as a person would; never in a URI that is printed.
export HABITAT_TEST_POSTGRES_PASSWORD="$password" HABITAT_TEST_POSTGRES_PORT="$port"
# Commands (for eval) that stop the server as an administrator would, and start it again: for a
# test of a server going away mid-import, run in a cluster of its own.
export HABITAT_TEST_POSTGRES_STOP="$(printf '%q ' "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop)"
export HABITAT_TEST_POSTGRES_START="$(printf '%q ' "${start[@]}")"
set +e
"$@"
status=$?
set -e
exit $status
