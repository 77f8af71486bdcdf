from django.urls import path

from ictmis.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("danh-sach-ho-ngheo/", views.poverty_list, name="poverty_list"),
    path("bao-chi/<slug:code>/", views.press, name="press"),
    path("ho/<int:pk>/gop/", views.merge, name="merge"),
    path("<slug:code>/", views.programme_detail, name="detail"),
    path("<slug:code>/chua-ho-tro/", views.waiting, name="waiting"),
]
