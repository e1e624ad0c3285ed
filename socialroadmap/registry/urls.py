from django.urls import path

from socialroadmap.registry import views

app_name = "registry"

REGISTRY = "o/<slug:org_slug>/registry"

urlpatterns = [
    path(f"{REGISTRY}/", views.accounts, name="accounts"),
    path(f"{REGISTRY}/accounts/add/", views.account_add, name="account_add"),
    path(f"{REGISTRY}/accounts/<int:pk>/", views.account_edit, name="account_edit"),
    path(f"{REGISTRY}/accounts/<int:pk>/delete/", views.account_delete, name="account_delete"),
    path(f"{REGISTRY}/accounts/import/", views.accounts_import, name="accounts_import"),
    path(f"{REGISTRY}/accounts/export/", views.accounts_export, name="accounts_export"),
    path(f"{REGISTRY}/<str:kind>/export.<str:export_format>", views.export, name="export"),
    path(f"{REGISTRY}/tools/", views.tools, name="tools"),
    path(f"{REGISTRY}/tools/<int:pk>/", views.tool_edit, name="tool_edit"),
    path(f"{REGISTRY}/tools/<int:pk>/delete/", views.tool_delete, name="tool_delete"),
    path(f"{REGISTRY}/hardware/", views.hardware, name="hardware"),
    path(f"{REGISTRY}/hardware/<int:pk>/", views.hardware_edit, name="hardware_edit"),
    path(f"{REGISTRY}/hardware/<int:pk>/delete/", views.hardware_delete, name="hardware_delete"),
]
