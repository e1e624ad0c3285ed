from django.contrib import admin

from socialroadmap.knowledge.models import Completion, Module, Question, Reminder


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "level", "compulsory", "due_days", "pass_mark")
    list_filter = ("level", "compulsory")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "module", "organization", "position")


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ("employee", "module", "organization", "completed_on", "score", "source")
    list_filter = ("source",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("employee", "organization", "last_sent_at")
