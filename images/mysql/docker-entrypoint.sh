#!/bin/bash
# First start: initialise /var/lib/mysql from the MYSQL_* variables (a
# server on a private socket runs the SQL, then stops). Every start: the
# server runs in the foreground as the mysql user (setpriv, as gosu in the
# official image), so SIGTERM from `docker stop` shuts it down cleanly.
set -eo pipefail

[ "${1:0:1}" = '-' ] && set -- mariadbd "$@"
case "$1" in mariadbd | mysqld) ;; *) exec "$@" ;; esac

log() { echo "$(date -u '+%F %T') 0 [Note] [Entrypoint]: $*"; }
datadir=/var/lib/mysql
as_mysql=()
if [ "$(id -u)" = 0 ]; then
  chown mysql:mysql "$datadir" /run/mysqld
  as_mysql=(setpriv --reuid=mysql --regid=mysql --init-groups)
fi

if [ ! -d "$datadir/mysql" ]; then
  if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    echo >&2 'error: database is uninitialized and password option is not specified'
    echo >&2 '  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD'
    exit 1
  fi
  log 'Initializing database files'
  "${as_mysql[@]}" mariadb-install-db --datadir="$datadir" --skip-test-db --auth-root-authentication-method=normal >/dev/null
  sock=/run/mysqld/init.sock
  "${as_mysql[@]}" "$@" --skip-networking --socket="$sock" &
  pid=$!
  for _ in $(seq 60); do
    mariadb-admin --socket="$sock" ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  if [ -n "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
    log "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi
  q() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\\\'}"; }
  {
    # Only root@localhost and root@% stay (the official image's two).
    echo "DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)', 'root'@'$(hostname)', 'root'@'127.0.0.1', 'root'@'::1';"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(q "$MYSQL_ROOT_PASSWORD");"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY $(q "$MYSQL_ROOT_PASSWORD");"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "$MYSQL_DATABASE" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
    fi
    if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
      echo "CREATE USER $(q "$MYSQL_USER")@'%' IDENTIFIED BY $(q "$MYSQL_PASSWORD");"
      [ -n "$MYSQL_DATABASE" ] && echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO $(q "$MYSQL_USER")@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket="$sock" -uroot
  kill "$pid"
  wait "$pid"
  log 'MariaDB init process done. Ready for start up.'
fi

exec "${as_mysql[@]}" "$@"
