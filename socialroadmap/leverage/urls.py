from django.urls import path

from socialroadmap.leverage import views

app_name = "leverage"

BASE = "o/<slug:org_slug>/leverage"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
    path(f"{BASE}/communications/add/", views.communication_add, name="communication_add"),
    path(f"{BASE}/communications/<int:pk>/", views.communication_edit, name="communication_edit"),
    path(
        f"{BASE}/communications/<int:pk>/delete/",
        views.communication_delete,
        name="communication_delete",
    ),
    path(
        f"{BASE}/communications/import/",
        views.communications_import,
        name="communications_import",
    ),
    path(
        f"{BASE}/communications/template.csv",
        views.communications_template,
        name="communications_template",
    ),
    path(
        f"{BASE}/communications/export.<str:export_format>",
        views.communications_export,
        name="communications_export",
    ),
]
