from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "socialroadmap.registry"
    label = "registry"
    verbose_name = _("Account and tool registry")

    def ready(self) -> None:
        # Registers the registry's evidence for the assessment (project 3).
        from socialroadmap.registry import evidence  # noqa: F401
