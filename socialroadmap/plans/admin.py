from django.contrib import admin

from socialroadmap.plans.models import DepartmentPlan, Objective


@admin.register(DepartmentPlan)
class DepartmentPlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organization", "department", "stage")
    list_filter = ("department", "stage")


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "plan", "status", "due_on")
    list_filter = ("status",)
