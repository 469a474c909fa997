"""Uploaded screenshots: the content decides what an image is (never its name), sizes are
bounded, and each is re-encoded so that no metadata (GPS, camera, comments) is published."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from kb.editing.labels import N_

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 5000 x 5000 screenshot; decompression bombs stop well before
MAX_SIDE = 10_000
FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}


class ImageError(ValueError):
    """Not an image the site accepts; the message says why."""


@dataclass(frozen=True)
class CleanImage:
    name: str  # content-addressed: <digest>.<ext>
    content_type: str
    data: bytes
    width: int
    height: int


def clean_image(data: bytes) -> CleanImage:
    """Check an uploaded file and re-encode it; ImageError when it is not acceptable."""
    if not data:
        raise ImageError(N_("the file is empty"))
    if len(data) > MAX_BYTES:
        raise ImageError(N_("the file is larger than 5 MB"))  # MAX_BYTES
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                if kind not in FORMATS:
                    raise ImageError(N_("only PNG, JPEG and WebP images are accepted"))
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise ImageError(N_("the image has too many pixels"))
                probe.verify()  # a truncated or corrupt file stops here
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                out = _reencode(image, kind)
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(N_("the file is not an image the site accepts")) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageError(N_("the image is damaged or cannot be read")) from None
    content_type, ext = FORMATS[kind]
    digest = hashlib.sha256(out).hexdigest()[:24]
    return CleanImage(f"{digest}.{ext}", content_type, out, width, height)


def _reencode(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=90, optimize=True)
    elif kind == "WEBP":
        image.save(buffer, "WEBP", quality=90)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
