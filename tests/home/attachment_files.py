"""Small files for the attachment tests, made with Pillow (no binary fixtures in the repository)."""

from __future__ import annotations

import io

from PIL import Image, PngImagePlugin

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF names a camera and a GPS position (tags 0x010F, 0x8825)."""
    image = Image.new("RGB", (40, 30), (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamera AG"
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_with_text() -> bytes:
    """A PNG with a text chunk (metadata a phone or editor may write)."""
    image = Image.new("RGBA", (20, 20), (0, 120, 200, 255))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Mia Becker, Musterstraße 1")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()
