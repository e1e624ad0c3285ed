from django.urls import path

from socialroadmap.content import views

app_name = "content"

BASE = "o/<slug:org_slug>/content"

urlpatterns = [
    path(f"{BASE}/", views.calendar, name="calendar"),
]
