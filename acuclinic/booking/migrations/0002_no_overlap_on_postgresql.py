"""On PostgreSQL, the database itself refuses two active entries of one practitioner whose buffered
ranges overlap. SQLite has no exclusion constraints: there, services.py re-checks inside a write-locked
(BEGIN IMMEDIATE) transaction. The constraint lives here rather than in Meta.constraints so that the
same models migrate on both databases."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_appointment ADD CONSTRAINT appointment_no_overlap EXCLUDE USING gist (
    practitioner_id WITH =,
    tstzrange(start, buffer_end, '[)') WITH &&
) WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE booking_appointment DROP CONSTRAINT IF EXISTS appointment_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
