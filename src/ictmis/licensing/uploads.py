"""Dossier files: PDF, pictures, DOCX and XLSX only, recognised by their content, not their name.

Virus scanning is assumed to happen outside the application (the server's scanner on the upload
folder, or the gateway in front of it); see docs/decisions/0007-licensing.md.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = {"pdf": {"pdf"}, "jpeg": {"jpg", "jpeg"}, "png": {"png"}, "docx": {"docx"}, "xlsx": {"xlsx"}}


def detect(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check(data: bytes, filename: str) -> str:
    """The file's type, or a clear refusal; the name's extension must agree with the content."""
    if not data:
        raise DomainError(_("The file is empty."), field="file")
    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}, field="file")
    kind = detect(data)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if kind is None or extension not in EXTENSIONS[kind]:
        raise DomainError(
            _("%(name)s: only PDF, JPEG, PNG, DOCX and XLSX files are accepted, and the name must match the content.")
            % {"name": filename},
            field="file",
        )
    return kind
