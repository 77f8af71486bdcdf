from django.urls import path

from ictmis.postal import views

app_name = "postal"
urlpatterns = [path("<int:pk>/hoat-dong/", views.record_activity, name="activity")]
