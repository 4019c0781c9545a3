#!/bin/sh
# Restore a backup made by backup.sh into an EMPTY database and media folder.
#
#   restore.sh BACKUP_DIR/<UTC time>
#
# Reads DATABASE_URL and MEDIA_ROOT from the environment, like backup.sh. For PostgreSQL, create the
# database first (createdb -O acuclinic acuclinic); it must be empty. Stop gunicorn and db_worker while
# restoring, run `manage.py migrate` afterwards (a no-op unless the code is newer than the backup), then
# start them again. The content version is bumped, so no cached page from before the restore is served.
set -eu

: "${DATABASE_URL:?DATABASE_URL must be set (the database to restore into)}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set (the folder to restore the uploads into)}"
src="${1:?usage: restore.sh BACKUP_DIR/<time>}"
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$src" && sha256sum --check --quiet SHA256SUMS)

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$src/database.dump"
    ;;
  sqlite://*)
    path="${DATABASE_URL#sqlite:///}"  # dj-database-url: sqlite:////abs/path is /abs/path
    if [ -s "$path" ]; then
      echo "restore.sh: $path exists; restore into a new file" >&2
      exit 2
    fi
    mkdir -p "$(dirname "$path")"
    sqlite3 "$path" ".restore '$src/database.sqlite3'"
    ;;
  *)
    echo "restore.sh: cannot restore DATABASE_URL of this kind (postgres:// or sqlite:// only)" >&2
    exit 2
    ;;
esac

mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"
# Cached pages (file or Redis cache) may predate the restore: start a new content version.
"${PYTHON:-python}" "$here/../../manage.py" shell -c \
  "from acuclinic.clinic.content_cache import bump_content_version; bump_content_version()"
echo "restored $src"
