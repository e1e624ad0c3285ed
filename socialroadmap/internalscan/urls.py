from django.urls import path

from socialroadmap.internalscan import views

app_name = "internalscan"

PREFIX = "o/<slug:org_slug>/internal-scan/"

urlpatterns = [
    path(PREFIX, views.scan, name="scan"),
    path(f"{PREFIX}roster/", views.roster, name="roster"),
    path(f"{PREFIX}roster/new/", views.employee_new, name="employee_new"),
    path(f"{PREFIX}roster/<int:pk>/", views.employee_edit, name="employee_edit"),
    path(f"{PREFIX}roster/<int:pk>/consent/", views.employee_consent, name="employee_consent"),
    path(f"{PREFIX}roster/<int:pk>/erase/", views.employee_erase, name="employee_erase"),
    path(f"{PREFIX}roster/import/", views.roster_import, name="roster_import"),
    path(f"{PREFIX}roster/template.csv", views.roster_template, name="roster_template"),
]
