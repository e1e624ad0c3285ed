from django.contrib import admin

from socialroadmap.feedback.models import FeedbackItem, FeedbackTarget


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "kind", "state", "owner", "received_at")
    list_filter = ("kind", "state", "severity")


@admin.register(FeedbackTarget)
class FeedbackTargetAdmin(admin.ModelAdmin):
    list_display = ("kind", "organization", "acknowledge_hours", "action_days")
