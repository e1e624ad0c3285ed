from django.contrib import admin

from socialroadmap.pilots.models import Pilot, PilotKpi, PortfolioSettings


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "organization",
        "status",
        "fit_score",
        "return_score",
        "learning_score",
        "feasibility",
    )
    list_filter = ("status", "department")


@admin.register(PilotKpi)
class PilotKpiAdmin(admin.ModelAdmin):
    list_display = ("name", "pilot", "kind", "target", "measured", "direction")
    list_filter = ("kind",)


@admin.register(PortfolioSettings)
class PortfolioSettingsAdmin(admin.ModelAdmin):
    list_display = ("organization", "fit_threshold", "return_threshold", "learning_threshold")
