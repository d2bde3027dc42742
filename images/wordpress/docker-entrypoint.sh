#!/bin/bash
# The database settings, as the official image derives them: a link named
# mysql gives the host and (for root) the password; WORDPRESS_DB_* win.
# The database itself is created when missing, once MySQL answers.
set -eo pipefail

if [ "$1" = apache2-foreground ] || [ "$1" = apache2 ]; then
  if [ -n "$MYSQL_PORT_3306_TCP" ] && [ -z "$WORDPRESS_DB_HOST" ]; then
    WORDPRESS_DB_HOST=mysql
  fi
  : "${WORDPRESS_DB_HOST:=mysql}"
  : "${WORDPRESS_DB_USER:=root}"
  if [ "$WORDPRESS_DB_USER" = root ]; then
    : "${WORDPRESS_DB_PASSWORD:=$MYSQL_ENV_MYSQL_ROOT_PASSWORD}"
  fi
  : "${WORDPRESS_DB_NAME:=wordpress}"
  if [ -z "$WORDPRESS_DB_PASSWORD" ] && [ -z "$WORDPRESS_DB_PASSWORD_ALLOW_EMPTY" ]; then
    echo >&2 'error: missing required WORDPRESS_DB_PASSWORD environment variable'
    echo >&2 '  Did you forget to -e WORDPRESS_DB_PASSWORD=... ?'
    echo >&2
    echo >&2 '  (Also of interest might be WORDPRESS_DB_USER and WORDPRESS_DB_NAME.)'
    exit 1
  fi
  export WORDPRESS_DB_HOST WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD WORDPRESS_DB_NAME
  # Keys and salts: given, or random per container start (sessions then
  # last as long as the container runs, as with the official image's).
  for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    v=WORDPRESS_$k
    [ -n "${!v}" ] || export "$v=$(head -c 32 /dev/urandom | sha1sum | cut -d' ' -f1)"
  done

  php -r '
    $host = getenv("WORDPRESS_DB_HOST"); $port = 3306; $socket = null;
    if (preg_match("/^(.*):(\d+)$/", $host, $m)) { $host = $m[1]; $port = (int)$m[2]; }
    $name = getenv("WORDPRESS_DB_NAME");
    mysqli_report(MYSQLI_REPORT_OFF);
    for ($try = 1; ; $try++) {
      $db = @new mysqli($host, getenv("WORDPRESS_DB_USER"), getenv("WORDPRESS_DB_PASSWORD"), "", $port, $socket);
      if (!$db->connect_error) break;
      fwrite(STDERR, "MySQL Connection Error: ({$db->connect_errno}) {$db->connect_error}\n");
      if ($try >= 120) { fwrite(STDERR, "giving up on MySQL at $host:$port\n"); exit(1); }
      usleep(500000);  // half a second: the site is up soon after MySQL
    }
    if (!$db->query("CREATE DATABASE IF NOT EXISTS `" . $db->real_escape_string($name) . "`")) {
      fwrite(STDERR, "MySQL \"CREATE DATABASE\" Error: " . $db->error . "\n"); exit(1);
    }
    $db->close();'
fi

exec "$@"
