"""Public pages of training: certificate verification on the portal and the evaluation form a participant
opens from their own link. Neither needs an account; neither reveals more than it must."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ictmis.core.errors import DomainError
from ictmis.training import selectors, services
from ictmis.training.forms import EvaluationForm, VerifyForm
from ictmis.training.models import Enrolment


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    checked, found = False, None
    if form.is_bound and form.is_valid():
        checked = True
        found = selectors.verify_certificate(form.cleaned_data["ma"])
    return render(request, "training/verify.html", {"form": form, "checked": checked, "found": found})


@never_cache
def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    enrolment = Enrolment.objects.select_related("course").filter(evaluation_token=token).first()
    if enrolment is None:
        raise Http404
    done = hasattr(enrolment, "evaluation")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.submit_evaluation(token=token, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect(request.path)
    return render(request, "training/evaluate.html", {"course": enrolment.course, "form": form, "done": done})
