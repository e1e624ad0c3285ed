from django.urls import path

from socialroadmap.policy import views

app_name = "policy"

BASE = "o/<slug:org_slug>/policy"
VERSION = f"{BASE}/versions/<int:pk>"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
    path(f"{BASE}/versions/new/", views.version_new, name="version_new"),
    path(f"{VERSION}/", views.version, name="version"),
    path(f"{VERSION}/edit/", views.version_edit, name="version_edit"),
    path(f"{VERSION}/submit/", views.version_submit, name="version_submit"),
    path(f"{VERSION}/approve/", views.version_approve, name="version_approve"),
    path(f"{VERSION}/return/", views.version_return, name="version_return"),
    path(f"{VERSION}/publish/", views.version_publish, name="version_publish"),
    path(f"{VERSION}/delete/", views.version_delete, name="version_delete"),
    path(f"{VERSION}/document.<str:fmt>", views.version_document, name="version_document"),
    path(f"{BASE}/acknowledge/", views.acknowledge, name="acknowledge"),
    path(f"{BASE}/acknowledgements/", views.acknowledgements, name="acknowledgements"),
    path(
        f"{BASE}/acknowledgements/import/",
        views.acknowledgements_import,
        name="acknowledgements_import",
    ),
    path(
        f"{BASE}/acknowledgements/export.<str:export_format>",
        views.acknowledgements_export,
        name="acknowledgements_export",
    ),
]
