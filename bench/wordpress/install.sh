#!/usr/bin/env bash
# Install Debian's WordPress and serve the reference page ("Acupuncture for Sciatica", the text in
# reference-page.txt beside this script) the way a small clinic's WordPress serves it:
#
#   http://127.0.0.1:8081/acupuncture-for-sciatica/   WordPress 6.1 (Debian 12 package, theme Twenty
#                                                      Twenty-Three, PHP-FPM, MariaDB, no page cache)
#   http://127.0.0.1:8082/wp-page.html                 the same HTML, saved, served static by nginx
#
# Run as root on Debian 12, on a machine where benchmarks may install packages (never in CI).
# Safe to repeat: a second run only checks that everything answers. Nothing listens beyond 127.0.0.1
# and WordPress never calls out (WP_HTTP_BLOCK_EXTERNAL). Daemons are started directly (no systemd
# needed); stop.sh stops them by their PID files. Generated state lives in var/ beside this script.
#
# Outside this folder it writes only: Debian packages, /etc/wordpress/config-127.0.0.1.php,
# /etc/nginx/sites-{available,enabled}/acuclinic-wordpress (removing the stock *:80 site),
# the pm settings of /etc/php/8.2/fpm/pool.d/www.conf, and the MariaDB database wp_anchor.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VAR=$HERE/var
PAGE_TEXT=$HERE/reference-page.txt
PHPV=8.2
WP_PORT=8081
STATIC_PORT=8082
WP_URL=http://127.0.0.1:$WP_PORT
SLUG=acupuncture-for-sciatica
DB=wp_anchor
DB_PASSWORD=local-benchmark-only        # a loopback-only benchmark database; not a secret
CONFIG=/etc/wordpress/config-127.0.0.1.php   # Debian's wp-config.php picks it by Host, port stripped
SITE=/etc/nginx/sites-available/acuclinic-wordpress
POOL=/etc/php/$PHPV/fpm/pool.d/www.conf
FPM_CHILDREN=${FPM_CHILDREN:-8}

say() { printf '%s install.sh: %s\n' "$(date +%T)" "$*"; }
fail() { say "error: $*" >&2; exit 1; }
running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
await() { # await SECONDS WHAT COMMAND...
  local limit=$1 what=$2; shift 2
  for ((n = 0; n < limit * 4; n++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  fail "$what is not up after ${limit}s"
}

[ "$(id -u)" = 0 ] || fail "run me as root"
mkdir -p "$VAR"

# Packages. Naming php8.2-fpm makes apt satisfy WordPress's "libapache2-mod-php | php" without Apache.
wanted=(wordpress wordpress-theme-twentytwentythree php php$PHPV-fpm php-mysql php-mbstring php-xml
        php-curl nginx mariadb-server wrk curl)
absent=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || absent+=("$pkg")
done
if ((${#absent[@]})); then
  say "apt-get install ${absent[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-cache show wordpress >/dev/null 2>&1 || apt-get -o DPkg::Lock::Timeout=1800 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=1800 install -y -q --no-install-recommends "${absent[@]}" \
    apache2-bin- libapache2-mod-php$PHPV- >"$VAR/apt.log" 2>&1 || { tail -20 "$VAR/apt.log" >&2; fail apt-get; }
fi

# MariaDB (reused when something already started it).
if ! mariadb-admin --protocol=socket -uroot ping >/dev/null 2>&1; then
  install -d -o mysql -g mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >"$VAR/mariadb-init.log" 2>&1
  setsid nohup /usr/bin/mysqld_safe >"$VAR/mysqld_safe.log" 2>&1 </dev/null &
  echo $! >"$VAR/mysqld_safe.pid"
  await 90 MariaDB mariadb-admin --protocol=socket -uroot ping
fi
mariadb --protocol=socket -uroot <<SQL
CREATE DATABASE IF NOT EXISTS $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON $DB.* TO '$DB'@'localhost';
SQL

# WordPress's configuration for Host 127.0.0.1 (fixture sites get their own, see make_fixture.sh).
write_config() { # write_config FILE DATABASE URL
  local file=$1 db=$2 url=$3 key
  grep -qs "acuclinic-bench $db $url" "$file" && return 0
  {
    echo "<?php /* acuclinic-bench $db $url: written by bench/wordpress/install.sh */"
    echo "define('DB_NAME', '$db'); define('DB_USER', '$DB'); define('DB_PASSWORD', '$DB_PASSWORD');"
    echo "define('DB_HOST', 'localhost'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');"
    echo "define('WP_HOME', '$url'); define('WP_SITEURL', '$url');"
    echo "define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');"
    echo "define('WP_HTTP_BLOCK_EXTERNAL', true); define('AUTOMATIC_UPDATER_DISABLED', true);"
    for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      echo "define('$key', '$(php -r 'echo bin2hex(random_bytes(32));')');"
    done
    echo "\$table_prefix = 'wp_';"
  } >"$file.new"
  chown root:www-data "$file.new"; chmod 640 "$file.new"; mv "$file.new" "$file"
  say "wrote $file"
}
write_config "$CONFIG" "$DB" "$WP_URL"

# PHP-FPM: a fixed pool, like a tuned small host.
sed -i -E -e 's/^pm = .*/pm = static/' -e "s/^pm\.max_children = .*/pm.max_children = $FPM_CHILDREN/" "$POOL"
install -d /run/php
if running /run/php/php$PHPV-fpm.pid; then kill -USR2 "$(cat /run/php/php$PHPV-fpm.pid)"
else php-fpm$PHPV -D; fi
await 20 php-fpm test -S /run/php/php$PHPV-fpm.sock

# nginx: WordPress on :8081 (and :8083 for the fixture site), the saved page on :8082.
cat >"$SITE.new" <<NGINX
# Written by bench/wordpress/install.sh; loopback only, no access log (the static figure is the limit).
server {
    listen 127.0.0.1:$WP_PORT;
    listen 127.0.0.1:8083;
    root /usr/share/wordpress;
    index index.php;
    access_log off;
    location ~ ^/wp-content/(.*)\$ { alias /var/lib/wordpress/wp-content/\$1; }
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ \.php\$ { include snippets/fastcgi-php.conf; fastcgi_pass unix:/run/php/php$PHPV-fpm.sock; }
}
server {
    listen 127.0.0.1:$STATIC_PORT;
    access_log off;
    charset utf-8;
    location = /wp-page.html { root $VAR; }
    location = /$SLUG/ { rewrite ^ /wp-page.html last; }
    location / { return 404; }
}
NGINX
if cmp -s "$SITE.new" "$SITE"; then rm "$SITE.new"; else mv "$SITE.new" "$SITE"; fi
ln -sfn "$SITE" /etc/nginx/sites-enabled/acuclinic-wordpress
rm -f /etc/nginx/sites-enabled/default
nginx -t -q || fail "nginx -t"
if running /run/nginx.pid; then nginx -s reload; else nginx; fi
await 20 "nginx on :$WP_PORT" curl -so /dev/null "$WP_URL/favicon.ico"

# WordPress itself, and the article as block markup (wordpress.php beside this script does both).
wp() { runuser -u www-data -- php -d display_errors=stderr "$HERE/wordpress.php" "$@"; }
wp install 127.0.0.1:$WP_PORT "Acupuncture Clinic"
wp reference 127.0.0.1:$WP_PORT "$PAGE_TEXT" "$SLUG"

# The rendered page, saved and served as a static file.
curl -fsS -o "$VAR/wp-page.new" "$WP_URL/$SLUG/" || fail "GET $WP_URL/$SLUG/"
for text in 'Acupuncture for Sciatica' 'Huantiao (GB30)' 'Last reviewed on May 31. 2023' 'id="respond"'; do
  grep -qF "$text" "$VAR/wp-page.new" || fail "the rendered page lacks '$text'"
done
if cmp -s "$VAR/wp-page.new" "$VAR/wp-page.html"; then rm "$VAR/wp-page.new"; else mv "$VAR/wp-page.new" "$VAR/wp-page.html"; fi
chmod 644 "$VAR/wp-page.html"; chmod 755 "$VAR"
curl -fsS "http://127.0.0.1:$STATIC_PORT/$SLUG/" | cmp -s - "$VAR/wp-page.html" || fail "the static copy differs"
say "ready: $WP_URL/$SLUG/ and http://127.0.0.1:$STATIC_PORT/wp-page.html ($(wc -c <"$VAR/wp-page.html") bytes)"
