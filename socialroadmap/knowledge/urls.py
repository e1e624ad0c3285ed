from django.urls import path

from socialroadmap.knowledge import views

app_name = "knowledge"

BASE = "o/<slug:org_slug>/knowledge"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
]
