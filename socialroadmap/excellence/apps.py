from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExcellenceConfig(AppConfig):
    name = "socialroadmap.excellence"
    label = "excellence"
    verbose_name = _("Centre of excellence")

    def ready(self) -> None:
        # The team and the escalation matrix give evidence for project 6.
        from socialroadmap.excellence import evidence  # noqa: F401
