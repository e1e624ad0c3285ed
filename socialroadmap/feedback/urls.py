from django.urls import path

from socialroadmap.feedback import views

app_name = "feedback"

BASE = "o/<slug:org_slug>/feedback"

urlpatterns = [
    path(f"{BASE}/", views.inbox, name="inbox"),
]
