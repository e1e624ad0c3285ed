from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "socialroadmap.pilots"
    label = "pilots"
    verbose_name = _("Pilot portfolio")

    def ready(self) -> None:
        # Registers the pilot portfolio's evidence for the assessment (project 5).
        from socialroadmap.pilots import evidence  # noqa: F401
