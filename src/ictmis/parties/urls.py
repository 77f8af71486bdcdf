from django.urls import path

from ictmis.parties import views

app_name = "parties"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("them/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/sua/", views.organisation_edit, name="edit"),
    path("<int:pk>/xoa/", views.organisation_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", views.organisation_restore, name="restore"),
]
