"""Uploaded images: checked by content, bounded, re-encoded without metadata."""

import io

import pytest
from PIL import Image

from kb.editing.images import MAX_BYTES, ImageError, clean_image


def encoded(fmt: str, size=(40, 30), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **save)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "content_type", "ext"),
    [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg"), ("WEBP", "image/webp", "webp")],
)
def test_accepted_formats_come_back_named_by_content(fmt, content_type, ext):
    image = clean_image(encoded(fmt))
    assert image.content_type == content_type
    assert image.name.endswith("." + ext) and len(image.name.split(".")[0]) == 24
    assert (image.width, image.height) == (40, 30)
    assert clean_image(encoded(fmt)).name == image.name  # same picture, same name


def test_metadata_is_dropped():
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    data = encoded("JPEG", exif=exif.tobytes())
    assert b"SecretCamera" in data
    assert b"SecretCamera" not in clean_image(data).data


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"GIF89a" + b"\x00" * 40,
        encoded("GIF"),
        encoded("BMP"),
        encoded("PNG")[:60],  # truncated
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 10,
    ],
)
def test_anything_else_is_refused(data):
    with pytest.raises(ImageError):
        clean_image(data)


def test_size_and_pixel_limits():
    with pytest.raises(ImageError, match="larger"):
        clean_image(b"\x89PNG" + b"\x00" * MAX_BYTES)
    with pytest.raises(ImageError):
        clean_image(encoded("PNG", size=(12000, 10)))
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")  # tiny file, 400 million pixels
    with pytest.raises(ImageError):
        clean_image(bomb.getvalue())
