from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "socialroadmap.content"
    label = "content"
    verbose_name = _("Content calendar")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 10).
        from socialroadmap.content import evidence  # noqa: F401
