from django.contrib import admin

from socialroadmap.leverage.models import Communication


@admin.register(Communication)
class CommunicationAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "channel", "starts_on", "linked", "is_control", "reach")
    list_filter = ("channel", "linked", "is_control")
