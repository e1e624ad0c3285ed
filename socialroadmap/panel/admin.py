from django.contrib import admin

from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "segment", "consent", "left_on")
    list_filter = ("consent",)


@admin.register(PanelQuestion)
class PanelQuestionAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "kind", "status", "decided_on")
    list_filter = ("status", "kind")


@admin.register(PanelAnswer)
class PanelAnswerAdmin(admin.ModelAdmin):
    list_display = ("question", "member", "choice", "source")
