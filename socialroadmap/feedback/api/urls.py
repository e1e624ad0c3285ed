from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from socialroadmap.feedback.api import views

FEEDBACK = r"organizations/(?P<org_slug>[-a-z0-9]+)/feedback"

router = SimpleRouter()
router.register(f"{FEEDBACK}/items", views.FeedbackItemViewSet, basename="feedback-item")
router.register(f"{FEEDBACK}/figures", views.FeedbackFiguresViewSet, basename="feedback-figures")

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    path(
        "organizations/<slug:org_slug>/feedback/targets/",
        views.FeedbackTargetsViewSet.as_view({"get": "list", "put": "put"}),
        name="feedback-targets-list",
    ),
]
