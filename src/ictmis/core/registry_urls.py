from django.urls import path

from ictmis.core import registry_views as views

app_name = "registry"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:key>/", views.record_list, name="list"),
    path("<slug:key>/ban-do/", views.record_map, name="map"),
    path("<slug:key>/them/", views.record_create, name="create"),
    path("<slug:key>/mau-nhap.xlsx", views.template_download, name="template"),
    path("<slug:key>/nhap/", views.import_upload, name="import"),
    path("<slug:key>/nhap/<int:job_id>/", views.import_job, name="import_job"),
    path("<slug:key>/nhap/<int:job_id>/thuc-hien/", views.import_commit, name="import_commit"),
    path("<slug:key>/nhap/<int:job_id>/loi.csv", views.import_errors, name="import_errors"),
    path("<slug:key>/nhap/<int:job_id>/tep/", views.import_file, name="import_file"),
    path("<slug:key>/<int:pk>/", views.record_detail, name="detail"),
    path("<slug:key>/<int:pk>/sua/", views.record_edit, name="edit"),
    path("<slug:key>/<int:pk>/xoa/", views.record_delete, name="delete"),
    path("<slug:key>/<int:pk>/khoi-phuc/", views.record_restore, name="restore"),
]
