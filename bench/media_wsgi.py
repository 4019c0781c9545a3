"""The production application plus the uploaded images under /media/, as the reverse proxy serves them in
production (gunicorn alone has no media route), so Lighthouse weighs the home page with its pictures."""

from django.conf import settings
from whitenoise import WhiteNoise

from acuclinic.wsgi import application as django_application

# autorefresh: renditions are made after start-up, on first request, and must be found then too.
application = WhiteNoise(django_application, max_age=31536000, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix="media/")
