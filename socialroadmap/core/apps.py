from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialroadmap.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Configure Celery from settings before any task is sent (eager or to a broker).
        from socialroadmap import celery_app  # noqa: F401
