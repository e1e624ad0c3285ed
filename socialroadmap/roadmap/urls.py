from django.urls import path, register_converter

from socialroadmap.roadmap import views


class ReportFormat:
    regex = "pdf|html|json|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReportFormat, "report_format")

app_name = "roadmap"

urlpatterns = [
    path("o/<slug:org_slug>/assessment/", views.assessment_take, name="assessment"),
    path("o/<slug:org_slug>/result/", views.result_latest, name="result_latest"),
    path("o/<slug:org_slug>/assessments/<int:pk>/", views.result_detail, name="result"),
    path(
        "o/<slug:org_slug>/assessments/<int:pk>/report.<report_format:fmt>",
        views.report,
        name="report",
    ),
    path("o/<slug:org_slug>/roadmap/", views.board, name="board"),
    path("o/<slug:org_slug>/roadmap/<int:project>/", views.item_edit, name="item"),
    path("o/<slug:org_slug>/roadmap/<int:project>/points/", views.point_add, name="point_add"),
    path("o/<slug:org_slug>/points/<int:pk>/toggle/", views.point_toggle, name="point_toggle"),
    path("o/<slug:org_slug>/points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path("o/<slug:org_slug>/points/<int:pk>/delete/", views.point_delete, name="point_delete"),
    path("o/<slug:org_slug>/history/", views.history, name="history"),
]
