from django.contrib import admin

from socialroadmap.alerts.models import AlertEvent, AlertRule


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "kind", "threshold", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(AlertEvent)
class AlertEventAdmin(admin.ModelAdmin):
    list_display = ("rule", "organization", "fired_at", "observed", "baseline", "acknowledged_at")
    list_select_related = ("rule", "organization")
