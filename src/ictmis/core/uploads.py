"""Request bodies and uploaded files with a size cap that holds while the bytes arrive.

Every uploaded file is written to a temporary file as it streams in (never held in memory), and the
count of bytes received is checked chunk by chunk: past `settings.MAX_UPLOAD_BYTES` the upload stops
and the caller gets a 413 with a clear message, whether or not the client announced the length.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError

TOO_LARGE = "_ictmis_upload_too_large"


class UploadTooLarge(RequestDataTooBig):
    pass


def _mark(request: Any) -> None:
    if request is not None:
        setattr(request, TOO_LARGE, True)


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler that streams each file to disk, stopping once the body passes the cap."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        self.received = 0
        if content_length > settings.MAX_UPLOAD_BYTES:
            _mark(self.request)
            raise UploadTooLarge("request body over the upload limit")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            _mark(self.request)
            raise UploadTooLarge("upload over the limit")
        return super().receive_data_chunk(raw_data, start)


def _limit_message() -> str:
    return _("The upload is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 1_000_000}


def too_large_response(request: HttpRequest) -> HttpResponse:
    message = _limit_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": [{"field": "file", "message": message}]}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


class RequestBodyLimitMiddleware:
    """Refuses a body announced as larger than the cap before anything reads it, and turns an upload the
    handler stopped midway into the same 413."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > settings.MAX_UPLOAD_BYTES:
            return too_large_response(request)
        response = self.get_response(request)
        if getattr(request, TOO_LARGE, False):
            return too_large_response(request)
        return response


def read_bounded(upload: UploadedFile, *, max_bytes: int, field: str = "file") -> bytes:
    """The content of an uploaded file, refused by its size on disk before it is read into memory."""
    if (upload.size or 0) > max_bytes:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}, field=field)
    return upload.read()
