from django.urls import path

from socialroadmap.feedback import views

app_name = "feedback"

BASE = "o/<slug:org_slug>/feedback"

urlpatterns = [
    path(f"{BASE}/", views.inbox, name="inbox"),
    path(f"{BASE}/new/", views.item_add, name="item_add"),
    path(f"{BASE}/from-post/<int:pk>/", views.from_post, name="from_post"),
    path(f"{BASE}/items/<int:pk>/", views.item, name="item"),
    path(f"{BASE}/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path(f"{BASE}/items/<int:pk>/transition/", views.item_transition, name="item_transition"),
    path(f"{BASE}/items/<int:pk>/route/", views.item_route, name="item_route"),
    path(f"{BASE}/items/<int:pk>/assign/", views.item_assign, name="item_assign"),
    path(f"{BASE}/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path(f"{BASE}/figures/", views.figures, name="figures"),
    path(f"{BASE}/targets/", views.targets, name="targets"),
    path(f"{BASE}/export.<str:export_format>", views.export, name="export"),
]
