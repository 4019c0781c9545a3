#!/bin/sh
# Back up an acuclinic site: the database and the media folder (uploaded images and documents).
#
#   backup.sh BACKUP_DIR
#
# Reads DATABASE_URL and MEDIA_ROOT from the environment (the same file gunicorn reads: run it as
# `set -a; . /etc/acuclinic/env; set +a; backup.sh /var/backups/acuclinic`). Writes BACKUP_DIR/<UTC time>/
# with database.dump (pg_dump's custom format) or database.sqlite3, media.tar.gz and SHA256SUMS, and
# prints that folder. The site keeps running: pg_dump and SQLite's backup API read a consistent snapshot.
# Restore with restore.sh. Copy the folders off the machine (rsync, restic, borg): a backup on the same
# disk is no backup.
set -eu

: "${DATABASE_URL:?DATABASE_URL must be set (the site's database)}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set (the folder of uploaded files)}"
dest="${1:?usage: backup.sh BACKUP_DIR}/$(date -u +%Y%m%dT%H%M%SZ)"
umask 077  # the dump holds patients' bookings
mkdir -p "$dest"

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dest/database.dump"
    ;;
  sqlite://*)
    path="${DATABASE_URL#sqlite:///}"  # dj-database-url: sqlite:////abs/path is /abs/path
    sqlite3 "$path" ".backup '$dest/database.sqlite3'"
    ;;
  *)
    echo "backup.sh: cannot back up DATABASE_URL of this kind (postgres:// or sqlite:// only)" >&2
    exit 2
    ;;
esac

mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
(cd "$dest" && sha256sum -- * > SHA256SUMS)
echo "$dest"
