from django.urls import path

from ictmis.indicators import views

app_name = "indicators"
urlpatterns = [
    path("bao-cao/", views.report_list, name="reports"),
    path("bao-cao/tien-do/", views.completeness, name="completeness"),
    path("bao-cao/tien-do/nhac/", views.remind, name="remind"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("bao-cao/<int:pk>/gia-tri/", views.report_values, name="report_values"),
    path("bao-cao/<int:pk>/bieu-mau.xlsx", views.report_xlsx, name="report_xlsx"),
    path("bao-cao/<int:pk>/thuyet-minh.docx", views.report_docx, name="report_docx"),
    path("bao-cao/<int:pk>/nhap-bieu-mau/", views.report_import, name="report_import"),
    path("bao-cao/<int:pk>/dhis2.json", views.report_dhis2, name="report_dhis2"),
    path("bao-cao/<int:pk>/<slug:action>/", views.report_step, name="report_step"),
    path("tieu-chi-8/", views.scorecard_list, name="scorecards"),
    path("tieu-chi-8/<int:unit_id>/<int:year>/ghi-de/", views.scorecard_override, name="override"),
    path("tieu-chi-8/minh-chung/<int:pk>/", views.override_file, name="override_file"),
]
