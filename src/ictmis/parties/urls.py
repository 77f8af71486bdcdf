from django.urls import path

from ictmis.parties import person_views, views

app_name = "parties"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("them/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/sua/", views.organisation_edit, name="edit"),
    path("<int:pk>/xoa/", views.organisation_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", views.organisation_restore, name="restore"),
    path("ca-nhan/", person_views.person_list, name="persons"),
    path("ca-nhan/them/", person_views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/", person_views.person_detail, name="person"),
    path("ca-nhan/<int:pk>/sua/", person_views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/xoa/", person_views.person_delete, name="person_delete"),
    path("ca-nhan/<int:pk>/khoi-phuc/", person_views.person_restore, name="person_restore"),
]
