from django.urls import path

from ictmis.directives import views

app_name = "directives"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhiem-vu/", views.task_list, name="tasks"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/<slug:action>/", views.task_step, name="task_step"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("van-ban/", views.document_list, name="documents"),
    path("van-ban/them/", views.document_create, name="document_create"),
    path("van-ban/<int:pk>/", views.document_detail, name="document_detail"),
    path("buoi-lam-viec/", views.session_list, name="sessions"),
    path("buoi-lam-viec/them/", views.session_create, name="session_create"),
    path("buoi-lam-viec/<int:pk>/", views.session_detail, name="session_detail"),
    path("kien-nghi/", views.proposal_list, name="proposals"),
    path("kien-nghi/them/", views.proposal_create, name="proposal_create"),
    path("kien-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
]
