from django.urls import path

from ictmis.infosec import views

app_name = "infosec"
urlpatterns = [
    path("", views.system_list, name="system_list"),
    path("he-thong/moi/", views.system_form, name="system_add"),
    path("he-thong/<int:pk>/", views.system_detail, name="system_detail"),
    path("he-thong/<int:pk>/sua/", views.system_form, name="system_edit"),
    path("he-thong/<int:pk>/de-xuat-cap-do/", views.propose_level, name="propose_level"),
    path("he-thong/<int:pk>/kiem-tra/", views.plan_check, name="plan_check"),
    path("kiem-tra/<int:pk>/ket-qua/", views.record_check, name="record_check"),
    path("su-co/", views.incident_list, name="incident_list"),
    path("su-co/bao-cao/", views.incident_report, name="incident_report"),
    path("su-co/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("su-co/<int:pk>/van-ban/<int:document_id>/", views.incident_document, name="incident_document"),
    path("su-co/<int:pk>/<slug:action>/", views.incident_step, name="incident_step"),
    path("thong-ke/", views.statistics, name="statistics"),
]
