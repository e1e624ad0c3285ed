from django.contrib import admin

from socialroadmap.policy.models import Acknowledgement, Policy, PolicyVersion


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("title_en", "organization")


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("policy", "number", "status", "organization")
    list_filter = ("status",)


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("version", "employee", "user", "acknowledged_at", "source")
