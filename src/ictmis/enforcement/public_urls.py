from django.urls import path

from ictmis.enforcement import public_views

app_name = "enforcement_public"
urlpatterns = [path("cong-thong-tin/quyet-dinh-xu-phat/", public_views.published, name="decisions")]
