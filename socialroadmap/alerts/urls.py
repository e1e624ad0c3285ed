from django.urls import path

from socialroadmap.alerts import views

app_name = "alerts"

urlpatterns = [
    path("o/<slug:org_slug>/alerts/", views.events, name="events"),
    path(
        "o/<slug:org_slug>/alerts/events/<int:pk>/acknowledge/",
        views.event_acknowledge,
        name="event_acknowledge",
    ),
    path("o/<slug:org_slug>/alerts/rules/", views.rules, name="rules"),
    path("o/<slug:org_slug>/alerts/rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("o/<slug:org_slug>/alerts/rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
]
