from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalScanConfig(AppConfig):
    name = "socialroadmap.internalscan"
    label = "internalscan"
    verbose_name = _("Internal scan")
