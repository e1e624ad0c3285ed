from rest_framework.routers import SimpleRouter

from socialroadmap.knowledge.api import views

KNOWLEDGE = r"organizations/(?P<org_slug>[-a-z0-9]+)/knowledge"

router = SimpleRouter()
router.register(f"{KNOWLEDGE}/modules", views.ModuleViewSet, basename="knowledge-module")
router.register(
    f"{KNOWLEDGE}/completions", views.CompletionViewSet, basename="knowledge-completion"
)
router.register(f"{KNOWLEDGE}/coverage", views.CoverageViewSet, basename="knowledge-coverage")

urlpatterns = router.urls
