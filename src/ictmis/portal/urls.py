from django.urls import path, re_path

from ictmis.portal import news_views, views

app_name = "portal"
urlpatterns = [
    path("cong-thong-tin/", views.home, name="home"),
    path("cong-thong-tin/ngon-ngu/<slug:code>/", views.language, name="language"),
    path("cong-thong-tin/so-lieu/<slug:key>/", views.register_list, name="register_list"),
    path("cong-thong-tin/so-lieu/<slug:key>/ban-do/", views.register_map, name="register_map"),
    path("cong-thong-tin/so-lieu/<slug:key>/ban-do.json", views.register_map_data, name="register_map_data"),
    path("cong-thong-tin/du-lieu-mo/", views.open_data, name="open_data"),
    path("cong-thong-tin/du-lieu-mo/catalog.json", views.catalogue, name="catalogue"),
    path("cong-thong-tin/du-lieu-mo/<slug:key>.<slug:fmt>", views.dataset, name="dataset"),
    path("cong-thong-tin/lien-he/", views.contact, name="contact"),
    path("cong-thong-tin/tin-tuc/", news_views.news_list, name="news"),
    path("cong-thong-tin/tin-tuc/rss.xml", news_views.LatestArticles(), name="news_feed"),
    path("cong-thong-tin/tin-tuc/<slug:slug>/", news_views.article_page, name="article"),
    path("cong-thong-tin/tin-tuc/<slug:slug>/danh-gia/", news_views.rate, name="rate"),
    re_path(
        r"^cong-thong-tin/anh/(?P<digest>[0-9a-f]{64})/(?P<size>sm|md|lg)\.webp$", news_views.image_file, name="image"
    ),
    path("sitemap.xml", news_views.sitemap, name="sitemap"),
    path("bien-tap/", news_views.editor_list, name="editor_list"),
    path("bien-tap/anh/", news_views.editor_images, name="editor_images"),
    path("bien-tap/them/", news_views.editor_create, name="editor_create"),
    path("bien-tap/<int:pk>/", news_views.editor_detail, name="editor_detail"),
    path("bien-tap/<int:pk>/sua/", news_views.editor_edit, name="editor_edit"),
    path("bien-tap/<int:pk>/<slug:action>/", news_views.editor_action, name="editor_action"),
    path("hop-thu-gop-y/", views.inbox, name="inbox"),
    path("hop-thu-gop-y/<int:pk>/", views.inbox_detail, name="inbox_detail"),
]
