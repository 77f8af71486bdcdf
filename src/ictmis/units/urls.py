from django.urls import path

from ictmis.units import views

app_name = "units"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/don-vi-truc-thuoc/", views.children, name="children"),
]
