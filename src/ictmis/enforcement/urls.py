from django.urls import path

from ictmis.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("bien-ban/", views.record_list, name="records"),
    path("bien-ban/moi/", views.record_create, name="record_create"),
    path("bien-ban/<int:pk>/quyet-dinh/", views.decision_create, name="decision_create"),
    path("bao-cao/", views.report, name="report"),
    path("kiem-tra/", views.inspections, name="inspections"),
]
