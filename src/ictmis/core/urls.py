from django.urls import path

from ictmis.core import views

app_name = "calendar"
urlpatterns = [
    path("", views.working_calendar, name="working_calendar"),
    path("<int:pk>/xoa/", views.delete_override, name="delete_override"),
]
