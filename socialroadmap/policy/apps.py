from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "socialroadmap.policy"
    label = "policy"
    verbose_name = _("HR policy")

    def ready(self) -> None:
        # Registers the policy's evidence for the assessment (project 2).
        from socialroadmap.policy import evidence  # noqa: F401
