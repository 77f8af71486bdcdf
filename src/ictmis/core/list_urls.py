from django.urls import path

from ictmis.core import list_views

app_name = "lists"
urlpatterns = [
    path("luu/", list_views.save_filter, name="save_filter"),
    path("<int:pk>/xoa/", list_views.delete_filter, name="delete_filter"),
]
