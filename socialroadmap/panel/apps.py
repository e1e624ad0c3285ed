from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelConfig(AppConfig):
    name = "socialroadmap.panel"
    label = "panel"
    verbose_name = _("Customer sounding board")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 9).
        from socialroadmap.panel import evidence  # noqa: F401
