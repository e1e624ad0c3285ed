from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "socialroadmap.feedback"
    label = "feedback"
    verbose_name = _("Feedback loop")

    def ready(self) -> None:
        # Registers the evidence for the assessment (project 13).
        from socialroadmap.feedback import evidence  # noqa: F401
