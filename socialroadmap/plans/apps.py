from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "socialroadmap.plans"
    label = "plans"
    verbose_name = _("Department plans")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 8).
        from socialroadmap.plans import evidence  # noqa: F401
