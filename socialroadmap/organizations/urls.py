from django.urls import path

from socialroadmap.organizations import views

app_name = "organizations"

urlpatterns = [
    path("orgs/", views.organization_list, name="list"),
    path("o/<slug:org_slug>/", views.organization_home, name="home"),
    path("o/<slug:org_slug>/delete/", views.organization_delete, name="delete"),
    path("o/<slug:org_slug>/members/", views.member_list, name="members"),
    path("o/<slug:org_slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("o/<slug:org_slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "o/<slug:org_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
