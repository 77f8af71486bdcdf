from django.urls import path

from ictmis.legal import views

app_name = "legal"
urlpatterns = [path("cong-thong-tin/van-ban-phap-luat/", views.catalogue, name="catalogue")]
