from django.contrib import admin
from django.urls import include, path

from ictmis import views
from ictmis.api import api
from ictmis.core import observability

core_patterns = ([path("", views.home, name="home")], "core")

urlpatterns = [
    path("healthz", observability.healthz, name="healthz"),
    path("readyz", observability.readyz, name="readyz"),
    path("", include(core_patterns)),
    path("", include("ictmis.accounts.urls")),
    path("don-vi-hanh-chinh/", include("ictmis.units.urls")),
    path("to-chuc/", include("ictmis.parties.urls")),
    path("lich-lam-viec/", include("ictmis.core.urls")),
    path("bo-loc/", include("ictmis.core.list_urls")),
    path("co-so-du-lieu/post-offices/", include("ictmis.postal.urls")),
    path("co-so-du-lieu/", include("ictmis.core.registry_urls")),
    path("chuong-trinh/", include("ictmis.programmes.urls")),
    path("chi-dao/", include("ictmis.directives.urls")),
    path("", include("ictmis.indicators.urls")),
    path("an-toan-thong-tin/", include("ictmis.infosec.urls")),
    path("", include("ictmis.legal.urls")),
    path("", include("ictmis.notifications.urls")),
    path("", include("ictmis.licensing.urls")),
    path("", include("ictmis.training.urls")),
    path("thanh-tra/", include("ictmis.enforcement.urls")),
    path("", include("ictmis.enforcement.public_urls")),
    path("", include("ictmis.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
