from django.urls import path, register_converter

from socialroadmap.listening import source_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export_format")

app_name = "listening"

PREFIX = "o/<slug:org_slug>/listening/"

urlpatterns = [
    path(PREFIX, views.dashboard, name="dashboard"),
    path(f"{PREFIX}export.<export_format:export_format>", views.series_export, name="export"),
    path(f"{PREFIX}posts/", views.posts, name="posts"),
    path(
        f"{PREFIX}posts/export.<export_format:export_format>",
        views.posts_export,
        name="posts_export",
    ),
    path(f"{PREFIX}queries/", views.queries, name="queries"),
    path(f"{PREFIX}queries/new/", views.query_new, name="query_new"),
    path(f"{PREFIX}queries/preview/", views.query_preview, name="query_preview"),
    path(f"{PREFIX}queries/<int:pk>/", views.query_edit, name="query_edit"),
    path(f"{PREFIX}queries/<int:pk>/delete/", views.query_delete, name="query_delete"),
    path(f"{PREFIX}imports/", views.imports, name="imports"),
    path(f"{PREFIX}imports/<int:pk>/", views.import_detail, name="import"),
    path(f"{PREFIX}imports/<int:pk>/delete/", views.import_delete, name="import_delete"),
    path(f"{PREFIX}sources/", source_views.sources, name="sources"),
    path(f"{PREFIX}sources/new/", source_views.source_new, name="source_new"),
    path(f"{PREFIX}sources/<int:pk>/", source_views.source_edit, name="source_edit"),
    path(f"{PREFIX}sources/<int:pk>/pause/", source_views.source_pause, name="source_pause"),
    path(f"{PREFIX}sources/<int:pk>/resume/", source_views.source_resume, name="source_resume"),
    path(f"{PREFIX}sources/<int:pk>/fetch/", source_views.source_fetch, name="source_fetch"),
    path(f"{PREFIX}sources/<int:pk>/delete/", source_views.source_delete, name="source_delete"),
]
