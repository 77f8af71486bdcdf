from django.contrib.auth import views as auth_views
from django.urls import path

from ictmis.accounts import views

app_name = "accounts"
urlpatterns = [
    path("tai-khoan/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "tai-khoan/quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "tai-khoan/dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("tai-khoan/xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("tai-khoan/xac-thuc-hai-buoc/nhap-ma/", views.two_factor_verify, name="two_factor_verify"),
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/token/<int:pk>/thu-hoi/", views.revoke_token, name="revoke_token"),
    path("quan-tri/nguoi-dung/", views.user_list, name="user_list"),
    path("quan-tri/nguoi-dung/them/", views.user_create, name="user_create"),
    path("quan-tri/nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
    path("quan-tri/nhat-ky-bao-mat/", views.security_log_page, name="security_log"),
]
