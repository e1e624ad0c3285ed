from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "socialroadmap.roadmap"
    label = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self) -> None:
        # Areas register the evidence they provide for the assessment.
        from socialroadmap.roadmap import evidence  # noqa: F401
