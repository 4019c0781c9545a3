from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Staff, practitioners and editors.

    A project-owned user model from the first migration, so that fields (a practitioner
    link, a display credential) can be added later without the painful swap.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
