from rest_framework.routers import SimpleRouter

from socialroadmap.audit.api import views

router = SimpleRouter()
router.register(
    r"organizations/(?P<org_slug>[-a-z0-9]+)/audit", views.AuditEntryViewSet, basename="audit"
)

urlpatterns = router.urls
