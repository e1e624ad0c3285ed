from django.urls import path

from socialroadmap.content import views

app_name = "content"

BASE = "o/<slug:org_slug>/content"

urlpatterns = [
    path(f"{BASE}/", views.calendar, name="calendar"),
    path(f"{BASE}/performance/", views.performance, name="performance"),
    path(f"{BASE}/settings/", views.settings_page, name="settings"),
    path(f"{BASE}/channels/", views.channels, name="channels"),
    path(f"{BASE}/channels/<int:pk>/", views.channel_edit, name="channel_edit"),
    path(f"{BASE}/channels/<int:pk>/delete/", views.channel_delete, name="channel_delete"),
    path(f"{BASE}/items/add/", views.item_add, name="item_add"),
    path(f"{BASE}/items/export.<str:export_format>", views.items_export, name="items_export"),
    path(f"{BASE}/items/<int:pk>/", views.item_detail, name="item"),
    path(f"{BASE}/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path(f"{BASE}/items/<int:pk>/status/", views.item_transition, name="item_transition"),
    path(f"{BASE}/items/<int:pk>/publish/", views.item_publish, name="item_publish"),
    path(f"{BASE}/items/<int:pk>/metrics/", views.item_metrics, name="item_metrics"),
    path(f"{BASE}/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path(f"{BASE}/metrics/import/", views.metrics_import, name="metrics_import"),
]
