"""The Celery application.

With ``REDIS_URL`` set, tasks go through Redis to `socialroadmap worker` processes;
without it (the embedded default) ``CELERY_TASK_ALWAYS_EAGER`` runs them in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialroadmap.settings")

app = Celery("socialroadmap")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
