from rest_framework.routers import SimpleRouter

from socialroadmap.panel.api import views

PANEL = r"organizations/(?P<org_slug>[-a-z0-9]+)/panel"

router = SimpleRouter()
router.register(f"{PANEL}/members", views.PanelMemberViewSet, basename="panel-member")
router.register(f"{PANEL}/questions", views.PanelQuestionViewSet, basename="panel-question")
router.register(
    rf"{PANEL}/questions/(?P<question_pk>\d+)/answers",
    views.PanelAnswerViewSet,
    basename="panel-answer",
)
router.register(f"{PANEL}/candidates", views.PanelCandidateViewSet, basename="panel-candidate")

urlpatterns = router.urls
