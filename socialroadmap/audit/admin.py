from django.contrib import admin

from socialroadmap.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "organization", "actor_label", "action", "area", "kind", "label")
    list_filter = ("area", "action")
    search_fields = ("label", "actor_label")
