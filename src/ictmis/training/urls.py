from django.urls import path

from ictmis.training import public_views, views

app_name = "training"
urlpatterns = [
    path("dao-tao/", views.courses, name="courses"),
    path("dao-tao/ke-hoach/them/", views.plan_new, name="plan_new"),
    path("dao-tao/ke-hoach/<int:pk>/phe-duyet/", views.plan_approve, name="plan_approve"),
    path("dao-tao/khoa/them/", views.course_new, name="course_new"),
    path("dao-tao/khoa/<int:pk>/", views.course_detail, name="course"),
    path("dao-tao/khoa/<int:pk>/sua/", views.course_edit, name="course_edit"),
    path("dao-tao/khoa/<int:pk>/ghi-danh/", views.enrol, name="enrol"),
    path("dao-tao/khoa/<int:pk>/diem-danh/<int:session_id>/", views.attendance, name="attendance"),
    path("dao-tao/khoa/<int:pk>/diem-danh.xlsx", views.attendance_sheet, name="attendance_sheet"),
    path("dao-tao/hoc-vien/<int:pk>/ket-qua/", views.result, name="result"),
    path("dao-tao/hoc-vien/<int:pk>/cap-chung-chi/", views.certificate, name="certificate"),
    path("dao-tao/hoc-vien/<int:pk>/giay-chung-nhan.docx", views.certificate_file, name="certificate_file"),
    path("dao-tao/bao-phu/", views.coverage, name="coverage"),
    path("dao-tao/bao-cao/<int:year>.xlsx", views.year_report, name="year_report"),
    path("cong-thong-tin/xac-minh-chung-chi/", public_views.verify, name="verify"),
    path("cong-thong-tin/danh-gia-khoa-hoc/<str:token>/", public_views.evaluate, name="evaluate"),
]
