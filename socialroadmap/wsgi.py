"""WSGI entry point for `socialroadmap serve` (gunicorn) and other WSGI servers."""

import os

from django.core.wsgi import get_wsgi_application

from socialroadmap.config import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialroadmap.settings")
refuse_unsafe_production()
application = get_wsgi_application()
