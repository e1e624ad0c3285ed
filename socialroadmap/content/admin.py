from django.contrib import admin

from socialroadmap.content.models import Channel, ContentItem, ItemMetrics


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "kind", "owner", "is_active")
    list_filter = ("kind", "is_active")
    exclude = ("credential",)


@admin.register(ContentItem)
class ContentItemAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "channel", "status", "item_type", "planned_at")
    list_filter = ("status", "item_type")


@admin.register(ItemMetrics)
class ItemMetricsAdmin(admin.ModelAdmin):
    list_display = ("item", "organization", "reach", "likes", "measured_at")
