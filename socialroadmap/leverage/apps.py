from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeverageConfig(AppConfig):
    name = "socialroadmap.leverage"
    label = "leverage"
    verbose_name = _("Leverage")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 12).
        from socialroadmap.leverage import evidence  # noqa: F401
