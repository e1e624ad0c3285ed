from django.urls import path

from socialroadmap.plans import views

app_name = "plans"

BASE = "o/<slug:org_slug>/plans"

urlpatterns = [
    path(f"{BASE}/", views.map, name="map"),
]
