from django.urls import re_path
from rest_framework.routers import SimpleRouter

from socialroadmap.internalscan.api import views

SCAN = r"organizations/(?P<org_slug>[-a-z0-9]+)/internal-scan"

router = SimpleRouter()
router.register(f"{SCAN}/employees", views.EmployeeViewSet, basename="internal-scan-employee")

urlpatterns = [
    *router.urls,
    re_path(rf"^{SCAN}/rankings/$", views.RankingsView.as_view(), name="internal-scan-rankings"),
]
