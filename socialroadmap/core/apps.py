from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "socialroadmap.core"
    label = "core"
    verbose_name = "Core"
