#!/usr/bin/env bash
# Make tests/fixtures/wordpress/ with a real WordPress: a second site (http://localhost:8083/, its own
# database wp_fixture) on the install of install.sh, holding the reference article in the category
# Acupoints, a page in Gutenberg blocks, a classic-HTML post, a draft, a private page, comments in
# every state with a reply thread, and an uploaded image and PDF (drawn here with Pillow, nothing
# downloaded); then WordPress's own exporter (export_wp) writes the WXR file. Run as root; repeatable.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/../.." && pwd)/tests/fixtures/wordpress
VAR=$HERE/var/fixture
SITE=localhost:8083
CONFIG=/etc/wordpress/config-localhost.php

bash "$HERE/install.sh"
mkdir -p "$VAR" "$OUT/uploads"
mariadb --protocol=socket -uroot <<SQL
CREATE DATABASE IF NOT EXISTS wp_fixture CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON wp_fixture.* TO 'wp_anchor'@'localhost';
SQL
# The reference site's configuration with this site's database and address (new salts).
if ! grep -qs "wp_fixture" "$CONFIG"; then
  sed -e "s/define('DB_NAME', 'wp_anchor')/define('DB_NAME', 'wp_fixture')/" \
      -e "s#http://127.0.0.1:8081#http://$SITE#g" /etc/wordpress/config-127.0.0.1.php >"$CONFIG.new"
  chown root:www-data "$CONFIG.new"; chmod 640 "$CONFIG.new"; mv "$CONFIG.new" "$CONFIG"
fi

# The media, drawn here with Pillow (PYTHON: an interpreter that has it, e.g. the project's venv).
"${PYTHON:-python3}" "$HERE/fixture_media.py" "$VAR"
chmod -R a+rX "$VAR"

wp() { runuser -u www-data -- php -d display_errors=stderr "$HERE/wordpress.php" "$@"; }
wp install $SITE "Riverside Acupuncture"
wp fixture $SITE "$VAR"
wp export $SITE >"$OUT/clinic-export.xml"

# The uploads the export refers to, as a copy of wp-content/uploads would have them.
rm -rf "$OUT/uploads"; mkdir -p "$OUT/uploads"
for url in $(grep -o '<wp:attachment_url><!\[CDATA\[[^]]*' "$OUT/clinic-export.xml" | sed 's/.*CDATA\[//'); do
  rel=${url#*/wp-content/uploads/}
  mkdir -p "$OUT/uploads/$(dirname "$rel")"
  cp "/var/lib/wordpress/wp-content/uploads/$rel" "$OUT/uploads/$rel"
done
echo "wrote $OUT/clinic-export.xml ($(grep -c '<item>' "$OUT/clinic-export.xml") items) and $(find "$OUT/uploads" -type f | wc -l) uploads"
