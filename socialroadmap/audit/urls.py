from django.urls import path

from socialroadmap.audit import views

app_name = "audit"

AUDIT = "o/<slug:org_slug>/audit"

urlpatterns = [
    path(f"{AUDIT}/", views.log, name="log"),
    path(f"{AUDIT}/export.<str:export_format>", views.log_export, name="export"),
]
