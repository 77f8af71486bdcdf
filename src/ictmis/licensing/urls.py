from django.urls import path

from ictmis.licensing import views

app_name = "licensing"
urlpatterns = [
    path("thu-tuc/", views.procedure_list, name="procedures"),
    path("thu-tuc/ho-so/", views.case_list, name="cases"),
    path("thu-tuc/ho-so/them/", views.case_create, name="case_create"),
    path("thu-tuc/ho-so/chon/", views.case_bulk, name="case_bulk"),
    path("thu-tuc/ho-so/<int:pk>/", views.case_detail, name="case_detail"),
    path("thu-tuc/ho-so/<int:pk>/phieu-kiem-soat/", views.process_sheet, name="process_sheet"),
    path("thu-tuc/ho-so/<int:pk>/phi/", views.case_fee, name="case_fee"),
    path("thu-tuc/ho-so/<int:pk>/thanh-toan/", views.case_payment, name="case_payment"),
    path("thu-tuc/ho-so/<int:pk>/xin-loi/", views.case_apology, name="case_apology"),
    path("thu-tuc/ho-so/<int:pk>/tep/", views.case_upload, name="case_upload"),
    path("thu-tuc/ho-so/<int:pk>/tep/<int:file_id>/", views.case_file, name="case_file"),
    path("thu-tuc/ho-so/<int:pk>/van-ban/<int:document_id>/", views.case_document, name="case_document"),
    path("thu-tuc/ho-so/<int:pk>/giao/", views.case_assign, name="case_assign"),
    path("thu-tuc/ho-so/<int:pk>/<slug:action>/", views.case_step, name="case_step"),
    path("thu-tuc/bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("thu-tuc/giay-phep/", views.licence_list, name="licences"),
    path("thu-tuc/giay-phep/<int:pk>/", views.licence_detail, name="licence_detail"),
    path("cong-thong-tin/giay-phep/", views.public_register, name="public_register"),
]
