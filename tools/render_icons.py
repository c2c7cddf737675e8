"""Render pkdesk's icon from its SVG source into every file that uses it.

    .venv/bin/python tools/render_icons.py        (needs Pillow: pip install pillow)

- src/pkdesk/resources/icons/pkdesk-<N>.png, N = 16 ... 512: the window icon (shipped in the
  package) and the Linux desktop icons (hicolor/<N>x<N>/apps/pkdesk.png);
- packaging/icons/pkdesk.ico (Windows: the .exe's icon, 16-256) and pkdesk.icns (macOS:
  the .app's icon, 16-1024), which PyInstaller puts into the bundle.

The SVG is rendered by Qt (QtSvg, from PySide6) at each size, so small sizes are drawn for
their size rather than shrunk from a big bitmap; Pillow only packs the .ico and .icns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "pkdesk" / "resources" / "icons" / "pkdesk.svg"
PNG_DIR = SOURCE.parent
PACKAGING = ROOT / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icons: cannot write {out}")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    try:
        from PIL import Image
    except ImportError:
        print("render_icons: needs Pillow for the .ico and .icns (pip install pillow)",
              file=sys.stderr)
        return 2
    PACKAGING.mkdir(parents=True, exist_ok=True)
    scratch = PACKAGING / "_scratch"
    scratch.mkdir(exist_ok=True)
    for size in SIZES:
        render(size, PNG_DIR / f"pkdesk-{size}.png")
    for size in set(ICO_SIZES) | set(ICNS_SIZES):
        render(size, scratch / f"{size}.png")
    images = {s: Image.open(scratch / f"{s}.png").convert("RGBA") for s in set(ICO_SIZES)
              | set(ICNS_SIZES)}
    images[256].save(PACKAGING / "pkdesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    images[1024].save(PACKAGING / "pkdesk.icns",
                      append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    for file in scratch.iterdir():
        file.unlink()
    scratch.rmdir()
    print(f"render_icons: {len(SIZES)} PNGs in {PNG_DIR.relative_to(ROOT)}, "
          f"pkdesk.ico and pkdesk.icns in {PACKAGING.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
