from django.urls import path

from socialroadmap.knowledge import views

app_name = "knowledge"

BASE = "o/<slug:org_slug>/knowledge"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
    path(f"{BASE}/modules/add/", views.module_add, name="module_add"),
    path(f"{BASE}/modules/<int:pk>/", views.module_detail, name="module"),
    path(f"{BASE}/modules/<int:pk>/edit/", views.module_edit, name="module_edit"),
    path(f"{BASE}/modules/<int:pk>/delete/", views.module_delete, name="module_delete"),
    path(f"{BASE}/modules/<int:pk>/record/", views.module_record, name="module_record"),
    path(f"{BASE}/modules/<int:pk>/quiz/", views.quiz, name="quiz"),
    path(
        f"{BASE}/modules/<int:module_pk>/questions/add/",
        views.question_add,
        name="question_add",
    ),
    path(f"{BASE}/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(f"{BASE}/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path(
        f"{BASE}/completions/<int:pk>/delete/",
        views.completion_delete,
        name="completion_delete",
    ),
    path(f"{BASE}/completions/import/", views.completions_import, name="completions_import"),
    path(
        f"{BASE}/completions/template.csv",
        views.completions_template,
        name="completions_template",
    ),
    path(
        f"{BASE}/completions/export.<str:export_format>",
        views.completions_export,
        name="completions_export",
    ),
    path(
        f"{BASE}/coverage/export.<str:export_format>",
        views.coverage_export,
        name="coverage_export",
    ),
    path(f"{BASE}/reminders/", views.reminders, name="reminders"),
]
