from django.db import migrations

GRANTS = [
    ("django_comments", "comment", "can_moderate", "Can moderate comments"),
    ("discussion", "blockedterm", "add_blockedterm", "Can add blocked word or link"),
    ("discussion", "blockedterm", "change_blockedterm", "Can change blocked word or link"),
    ("discussion", "blockedterm", "delete_blockedterm", "Can delete blocked word or link"),
    ("discussion", "blockedterm", "view_blockedterm", "Can view blocked word or link"),
]


def grant(apps, schema_editor):
    """Wagtail's "Moderators" group moderates reader comments and keeps the blocklist."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        return
    for app_label, model, codename, name in GRANTS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
