from rest_framework.routers import SimpleRouter

from socialroadmap.policy.api import views

POLICY = r"organizations/(?P<org_slug>[-a-z0-9]+)/policy"

router = SimpleRouter()
router.register(f"{POLICY}/versions", views.PolicyVersionViewSet, basename="policy-version")
router.register(
    f"{POLICY}/acknowledgements", views.AcknowledgementViewSet, basename="policy-acknowledgement"
)
router.register(f"{POLICY}/decisions", views.DecisionViewSet, basename="policy-decision")

urlpatterns = router.urls
