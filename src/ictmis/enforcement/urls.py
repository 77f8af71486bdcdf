from django.urls import path

from ictmis.enforcement import coercion_views, document_views, execution_views, inspection_views, onspot_views, views

app_name = "enforcement"
urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("bien-ban/", views.record_list, name="records"),
    path("bien-ban/moi/", views.record_create, name="record_create"),
    path("bien-ban/<int:pk>/quyet-dinh/", views.decision_create, name="decision_create"),
    path(
        "quyet-dinh/khong-lap-bien-ban/",
        onspot_views.decision_without_record,
        name="decision_without_record",
    ),
    path("bao-cao/", views.report, name="report"),
    path("quyet-dinh/<int:pk>/thi-hanh/", execution_views.decision_execution, name="decision_execution"),
    path("quyet-dinh/<int:pk>/cuong-che/", coercion_views.coercion_create, name="coercion_create"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", document_views.decision_document, name="decision_document"),
    path(
        "quyet-dinh/<int:pk>/cuong-che/<int:coercion_id>.docx",
        document_views.coercion_document,
        name="coercion_document",
    ),
    path("bao-cao/theo-doi/", views.follow_up, name="follow_up"),
    path("kiem-tra/", views.inspections, name="inspections"),
    path("kiem-tra/ke-hoach/moi/", inspection_views.plan_create, name="plan_create"),
    path("kiem-tra/ke-hoach/<int:pk>/phe-duyet/", inspection_views.plan_approve, name="plan_approve"),
    path("kiem-tra/moi/", inspection_views.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
]
