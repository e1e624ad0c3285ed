from django.urls import path

from socialroadmap.panel import views

app_name = "panel"

BASE = "o/<slug:org_slug>/panel"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
]
