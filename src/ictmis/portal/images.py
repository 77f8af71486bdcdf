"""Pictures for articles: checked by their content, stored once, resized into the sizes pages use.

An upload is accepted only if Pillow recognises it as JPEG, PNG, WebP or GIF, within the size and pixel
limits. The original is kept as sent; each rendition is re-encoded as WebP without the camera's
metadata (so a phone's GPS position never reaches the public site). The same bytes uploaded twice give
the same image.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.portal.models import Image

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
SIZES = {"sm": 480, "md": 960, "lg": 1600}  # card, article column, full width / Open Graph


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _open(data: bytes) -> PillowImage.Image:
    try:
        with PillowImage.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError) as exc:
        raise DomainError(
            _("The file is not a picture this site accepts (JPEG, PNG, WebP or GIF)."), field="file"
        ) from exc
    if kind not in FORMATS:
        raise DomainError(_("The file is not a picture this site accepts (JPEG, PNG, WebP or GIF)."), field="file")
    picture = PillowImage.open(io.BytesIO(data))
    if picture.width * picture.height > MAX_PIXELS:
        raise DomainError(
            _("The picture is too large (%(mp)s megapixels); the limit is %(limit)s.")
            % {"mp": round(picture.width * picture.height / 1e6), "limit": MAX_PIXELS // 1_000_000},
            field="file",
        )
    return picture


def _rendition(picture: PillowImage.Image, width: int) -> tuple[bytes, int, int]:
    copy = picture.copy()
    if copy.width > width:
        copy.thumbnail((width, round(width * copy.height / copy.width) or 1), PillowImage.Resampling.LANCZOS)
    if copy.mode not in ("RGB", "RGBA"):
        copy = copy.convert("RGBA" if "transparency" in copy.info or copy.mode in ("LA", "PA") else "RGB")
    out = io.BytesIO()
    copy.save(out, "WEBP", quality=82, method=4)
    return out.getvalue(), copy.width, copy.height


@transaction.atomic
def upload_image(*, data: bytes, filename: str, alt: str, caption: str = "", actor: Any, now: dt.datetime) -> Image:
    """Store a picture and its renditions; the alternative text is required."""
    alt = (alt or "").strip()
    if not alt:
        raise DomainError(_("Describe the picture in the alternative text."), field="alt")
    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}, field="file")
    digest = hashlib.sha256(data).hexdigest()
    existing = Image.objects.filter(digest=digest).first()
    if existing is not None:
        return existing
    picture = _open(data)
    picture = ImageOps.exif_transpose(picture) or picture
    kind = FORMATS[str(PillowImage.open(io.BytesIO(data)).format)]
    folder = f"portal/images/{digest[:2]}/{digest}"
    saved: list[str] = []
    try:
        original = default_storage.save(f"{folder}/original.{kind}", ContentFile(data))
        saved.append(original)
        renditions: dict[str, list[Any]] = {}
        for size, width in SIZES.items():
            content, w, h = _rendition(picture, width)
            path = default_storage.save(f"{folder}/{size}.webp", ContentFile(content))
            saved.append(path)
            renditions[size] = [path, w, h]
            if w < width:  # the picture is smaller than this size: larger sizes would be the same file
                break
        image = Image.objects.create(
            digest=digest, original=original, alt=alt[:250], caption=caption.strip()[:300], width=picture.width,
            height=picture.height, renditions=renditions, created_by=_user(actor), updated_by=_user(actor),
        )  # fmt: skip
    except BaseException:
        for path in saved:  # nothing half-written: no files without their row
            default_storage.delete(path)
        raise
    events.record(image, "portal.image.uploaded", actor=actor, at=now, name=filename[:200])
    return image


def rendition_path(image: Image, size: str) -> str | None:
    """The stored file of a size; a size the picture was too small for falls back to the largest made."""
    if size in image.renditions:
        return str(image.renditions[size][0])
    if size in SIZES and image.renditions:
        return str(list(image.renditions.values())[-1][0])
    return None


def figure_html(image: Image) -> str:
    """The snippet an editor pastes into an article body."""
    from django.utils.html import escape

    width, height = image.size_of("md")
    caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
    return (
        f'<figure><img src="{image.url("md")}" alt="{escape(image.alt)}" width="{width}" height="{height}">'
        f"{caption}</figure>"
    )
