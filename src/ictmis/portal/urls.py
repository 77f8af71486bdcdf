from django.urls import path

from ictmis.portal import views

app_name = "portal"
urlpatterns = [
    path("cong-thong-tin/", views.home, name="home"),
    path("cong-thong-tin/so-lieu/<slug:key>/", views.register_list, name="register_list"),
    path("cong-thong-tin/so-lieu/<slug:key>/ban-do/", views.register_map, name="register_map"),
    path("cong-thong-tin/so-lieu/<slug:key>/ban-do.json", views.register_map_data, name="register_map_data"),
    path("cong-thong-tin/du-lieu-mo/", views.open_data, name="open_data"),
    path("cong-thong-tin/du-lieu-mo/catalog.json", views.catalogue, name="catalogue"),
    path("cong-thong-tin/du-lieu-mo/<slug:key>.<slug:fmt>", views.dataset, name="dataset"),
    path("cong-thong-tin/lien-he/", views.contact, name="contact"),
    path("hop-thu-gop-y/", views.inbox, name="inbox"),
    path("hop-thu-gop-y/<int:pk>/", views.inbox_detail, name="inbox_detail"),
]
