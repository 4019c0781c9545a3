#!/usr/bin/env bash
# Stop what install.sh started (nginx, PHP-FPM, and MariaDB if install.sh started it), each by the pid in
# its own pid file, gracefully, waiting until it has exited. Never kills by name. Safe to repeat;
# install.sh starts everything again with the same data.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VAR=$HERE/var

pid_in() { [ -s "$1" ] && tr -dc '0-9' <"$1"; }
halt() { # halt NAME PIDFILE SIGNAL
  local name=$1 pid
  pid=$(pid_in "$2") || true
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then echo "$name: not running"; return 0; fi
  kill "-$3" "$pid"
  for ((n = 0; n < 120; n++)); do kill -0 "$pid" 2>/dev/null || { echo "$name: stopped"; return 0; }; sleep 0.25; done
  echo "$name: still running after 30 s (pid $pid); stop it by hand" >&2
  return 1
}

halt nginx /run/nginx.pid QUIT              # finishes open requests
halt php-fpm /run/php/php8.2-fpm.pid QUIT   # the master waits for its workers
# MariaDB only if install.sh started it (another tool may share this server).
if [ -s "$VAR/mysqld_safe.pid" ]; then
  halt mariadb /run/mysqld/mysqld.pid TERM  # a clean InnoDB shutdown; mysqld_safe then exits by itself
  rm -f "$VAR/mysqld_safe.pid"
else
  echo "mariadb: left running (install.sh did not start it)"
fi
