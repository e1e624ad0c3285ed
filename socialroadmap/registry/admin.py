from django.contrib import admin

from socialroadmap.registry.models import Hardware, SocialAccount, Tool


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    list_display = ("handle", "network", "organization", "owner", "backup_owner", "two_factor")
    list_filter = ("network", "two_factor", "shared_credentials")


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "vendor", "licences", "renewal_date")


@admin.register(Hardware)
class HardwareAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "kind", "assigned_to")
    list_filter = ("kind",)
