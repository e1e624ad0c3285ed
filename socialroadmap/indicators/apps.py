from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "socialroadmap.indicators"
    label = "indicators"
    verbose_name = _("Success indicators")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 11).
        from socialroadmap.indicators import evidence  # noqa: F401
