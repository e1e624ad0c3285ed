from rest_framework.routers import SimpleRouter

from socialroadmap.registry.api import views

REGISTRY = r"organizations/(?P<org_slug>[-a-z0-9]+)/registry"

router = SimpleRouter()
router.register(f"{REGISTRY}/accounts", views.SocialAccountViewSet, basename="registry-account")
router.register(f"{REGISTRY}/tools", views.ToolViewSet, basename="registry-tool")
router.register(f"{REGISTRY}/hardware", views.HardwareViewSet, basename="registry-hardware")
router.register(f"{REGISTRY}/health", views.RegistryHealthViewSet, basename="registry-health")

urlpatterns = router.urls
