from django.urls import path

from socialroadmap.panel import views

app_name = "panel"

BASE = "o/<slug:org_slug>/panel"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
    path(f"{BASE}/members/", views.members, name="members"),
    path(f"{BASE}/members/add/", views.member_add, name="member_add"),
    path(f"{BASE}/members/<int:pk>/", views.member_edit, name="member_edit"),
    path(f"{BASE}/members/<int:pk>/consent/", views.member_consent, name="member_consent"),
    path(f"{BASE}/members/<int:pk>/erase/", views.member_erase, name="member_erase"),
    path(f"{BASE}/members/<int:pk>/link/", views.member_link, name="member_link"),
    path(f"{BASE}/members/import/", views.members_import, name="members_import"),
    path(f"{BASE}/members/template.csv", views.members_template, name="members_template"),
    path(
        f"{BASE}/members/export.<str:export_format>",
        views.members_export,
        name="members_export",
    ),
    path(f"{BASE}/candidates/", views.candidates, name="candidates"),
    path(f"{BASE}/questions/", views.questions, name="questions"),
    path(f"{BASE}/questions/add/", views.question_add, name="question_add"),
    path(f"{BASE}/questions/<int:pk>/", views.question, name="question"),
    path(f"{BASE}/questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path(
        f"{BASE}/questions/<int:pk>/transition/",
        views.question_transition,
        name="question_transition",
    ),
    path(f"{BASE}/questions/<int:pk>/decide/", views.question_decide, name="question_decide"),
    path(f"{BASE}/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path(
        f"{BASE}/questions/export.<str:export_format>",
        views.questions_export,
        name="questions_export",
    ),
    path(f"{BASE}/changed/", views.changed, name="changed"),
    # The member's personal link: no login, outside the organisation's pages.
    path("panel/answer/<str:token>/", views.answer, name="answer"),
]
