"""Draw the app icons (SVG + PNG 192/512 + maskable 512) with the standard library only.

Run: python scripts/make_icons.py  → writes frontend/icons/. The motif: steps rising to the
right with an arrow — the way from school to the next step (Anschluss).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "frontend" / "icons"
BLUE = (11, 83, 148)
WHITE = (255, 255, 255)

STEPS = [
    (0.20, 0.78),
    (0.20, 0.62),
    (0.36, 0.62),
    (0.36, 0.48),
    (0.52, 0.48),
    (0.52, 0.34),
    (0.68, 0.34),
    (0.68, 0.78),
]
ARROW_SHAFT = [(0.27, 0.50), (0.59, 0.18), (0.64, 0.23), (0.32, 0.55)]
ARROW_HEAD = [(0.50, 0.14), (0.80, 0.14), (0.80, 0.44)]
SHAPES = [STEPS, ARROW_SHAFT, ARROW_HEAD]


def inside(poly, x, y) -> bool:
    hit = False
    j = len(poly) - 1
    for i, (xi, yi) in enumerate(poly):
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def scaled(shapes, factor):
    return [[(0.5 + (x - 0.5) * factor, 0.5 + (y - 0.5) * factor) for x, y in p] for p in shapes]


def in_rounded_square(x, y, radius=0.18) -> bool:
    cx = min(max(x, radius), 1 - radius)
    cy = min(max(y, radius), 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def render(size: int, maskable: bool) -> bytes:
    shapes = scaled(SHAPES, 0.78) if maskable else SHAPES
    boxes = [
        (min(p[0] for p in s), max(p[0] for p in s), min(p[1] for p in s), max(p[1] for p in s))
        for s in shapes
    ]
    samples = ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75))
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            bg = fg = 0
            for sx, sy in samples:
                x, y = (px + sx) / size, (py + sy) / size
                if not maskable and not in_rounded_square(x, y):
                    continue
                bg += 1
                if any(
                    b[0] <= x <= b[1] and b[2] <= y <= b[3] and inside(s, x, y)
                    for s, b in zip(shapes, boxes, strict=True)
                ):
                    fg += 1
            alpha = bg / len(samples)
            mix = fg / bg if bg else 0
            colour = [round(BLUE[i] * (1 - mix) + WHITE[i] * mix) for i in range(3)]
            row += bytes([*colour, round(alpha * 255)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def svg() -> str:
    def points(poly):
        return " ".join(f"{x * 512:g},{y * 512:g}" for x, y in poly)

    polygons = "".join(f'<polygon points="{points(s)}" fill="#fff"/>' for s in SHAPES)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        '<rect width="512" height="512" rx="92" fill="#0b5394"/>' + polygons + "</svg>\n"
    )


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg(), encoding="utf-8")
    (ICONS / "icon-192.png").write_bytes(render(192, maskable=False))
    (ICONS / "icon-512.png").write_bytes(render(512, maskable=False))
    (ICONS / "icon-maskable-512.png").write_bytes(render(512, maskable=True))


if __name__ == "__main__":
    main()
