from django.contrib import admin

from socialroadmap.excellence.models import EscalationRule, TeamMember


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")


@admin.register(EscalationRule)
class EscalationRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "severity", "organization", "responsible", "respond_within_minutes")
    list_filter = ("kind", "severity")
    list_select_related = ("organization", "responsible")
