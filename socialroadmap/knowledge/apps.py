from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "socialroadmap.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge programme")

    def ready(self) -> None:
        # Registers the knowledge programme's evidence for the assessment (project 1).
        from socialroadmap.knowledge import evidence  # noqa: F401
