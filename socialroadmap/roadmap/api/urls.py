from rest_framework.routers import SimpleRouter

from socialroadmap.roadmap.api import views

ORG = r"organizations/(?P<org_slug>[-a-z0-9]+)"

router = SimpleRouter()
router.register(f"{ORG}/assessments", views.AssessmentViewSet, basename="assessment")
router.register(f"{ORG}/roadmap", views.RoadmapItemViewSet, basename="roadmap-item")
router.register(f"{ORG}/action-points", views.ActionPointViewSet, basename="action-point")

urlpatterns = router.urls
