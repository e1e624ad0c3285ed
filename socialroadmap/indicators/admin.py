from django.contrib import admin

from socialroadmap.indicators.models import Indicator, IndicatorValue


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "department", "metric", "period", "target")
    list_filter = ("department", "metric", "period")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "organization", "period_start", "value", "origin")
    list_filter = ("origin",)
