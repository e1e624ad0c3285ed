from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListeningConfig(AppConfig):
    name = "socialroadmap.listening"
    label = "listening"
    verbose_name = _("Listening")

    def ready(self) -> None:
        # The scans give evidence for projects 4 and 7 of the assessment.
        from socialroadmap.listening import evidence  # noqa: F401
