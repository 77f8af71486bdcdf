from django.urls import path

from ictmis.notifications import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/moi-nhat/", views.latest, name="latest"),
    path("thong-bao/tuy-chon/", views.preferences, name="preferences"),
    path("thong-bao/da-doc-tat-ca/", views.mark_all_read, name="mark_all_read"),
    path("thong-bao/da-doc-da-chon/", views.mark_selected_read, name="mark_selected_read"),
    path("thong-bao/<int:pk>/", views.open_notification, name="open"),
    path("thong-bao/<int:pk>/da-doc/", views.mark_read, name="mark_read"),
]
