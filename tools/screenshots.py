"""Screenshots of the window as users see it: docs/images/screens/*.png.

Run: .venv/bin/python tools/screenshots.py [--offscreen] [--out DIR]

Every page at 1024×600 (a small laptop) and 1366×768, in English and French, with the
system's light palette and a dark one (`theme.dark_palette`, under Qt's Fusion style). With
Xvfb and openbox installed (apt-get install xvfb openbox) each shot is a real X screen of that
size with a window manager, the window maximized as a user would have it; otherwise (or with
--offscreen) the window is drawn offscreen at that size, without window decorations.

With optipng installed the shots are then recompressed losslessly.

Each shot runs in its own process, on a fresh database (the example plan "Rwanda 1993"
imported) and fresh settings, so nothing of the user's own is read or written. No network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "screens"
SIZES = ((1024, 600), (1366, 768))
LANGS = ("en", "fr")
THEMES = ("light", "dark")
PAGES = ("planner", "reference", "compare", "performance", "performance-data",
         "performance-reviews")
EXAMPLE = ROOT / "examples" / "rwanda-1993.pkplan.json"
SECOND = ROOT / "examples" / "unoci-2004.pkplan.json"
THROUGH_LIFE = ROOT / "examples" / "sector-east-2024.pkplan.json"


def shot_name(page: str, width: int, height: int, lang: str, theme: str) -> str:
    return f"{page}-{width}x{height}-{lang}-{theme}.png"


# The child: one window, one screen size, language and palette --------------------------------

def _settle(ms: int) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(ms)


def take(width: int, height: int, lang: str, theme: str, out: Path, work: Path) -> list[Path]:
    """Shoot every page of a fresh window; returns the files written."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWidget

    from pkdesk.core.plan.file import read_plan_file
    from pkdesk.store.library import open_library
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.app import create_application
    from pkdesk.ui.common.i18n import use_language
    from pkdesk.ui.common.theme import dark_palette
    from pkdesk.ui.window.main_window import MainWindow

    app = create_application()
    assert isinstance(app, QApplication)
    if theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    use_language(lang)
    db = open_library(work / "screens.sqlite3")
    repo = PlanRepository(db)
    first = repo.import_plan(read_plan_file(EXAMPLE)).id
    second = repo.import_plan(read_plan_file(SECOND)).id
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow.for_database(db, settings)
    on_x = QGuiApplication.platformName() == "xcb"
    if on_x:
        window.showMaximized()
    else:
        window.resize(width, height)
        window.show()
    _settle(800)

    def grab(widget: QWidget, page: str) -> Path:
        _settle(600)
        path = out / shot_name(page, width, height, lang, theme)
        screen = widget.screen()
        pixmap = screen.grabWindow(0) if on_x and screen is not None else widget.grab()
        pixmap.save(str(path))
        return path

    written = []
    window.reference.show_node("principles.consent")
    written.append(grab(window, "reference"))
    planner = window.planner
    window.pages.setCurrentWidget(planner)
    planner.select_plan(first)
    planner.whatif.whatifs.set_expanded(True)
    planner.findings.select_rule(planner.findings.model.finding(0).rule
                                 if planner.findings.model.rowCount() else "")
    written.append(grab(window, "planner"))
    planner.list_view.selectAll()
    assert sorted(planner.selected_ids()) == sorted([first, second])
    compare = window.scenario.compare_selected()
    if compare is not None:
        written.append(grab(compare if not on_x else window, "compare"))
        compare.close()
    # The Performance tab of a plan carried through two years: its top (when, objectives,
    # indicators) and, scrolled, the data table with the trend chart, then the review grid.
    third = repo.import_plan(read_plan_file(THROUGH_LIFE)).id
    planner.reload_list(select=third)
    planner.show_performance_action.trigger()
    tab = planner.performance
    tab.select_objective(tab.objectives.data(tab.objectives.index(1), 257))
    written.append(grab(window, "performance"))
    tab.ensureWidgetVisible(tab.chart)
    written.append(grab(window, "performance-data"))
    # The reviews held: the grid of each worded objective's rating at each review.
    tab.ensureWidgetVisible(tab.grid)
    written.append(grab(window, "performance-reviews"))
    window.close()
    # The backup made at close runs on its own thread, as in the app (`ui.app.run_gui` waits
    # for it): wait too, or the temporary folder goes while it still writes into backups/.
    window.wait_for_backup()
    db.close()
    return written


# The parent: an X server per screen size, a child per shot -----------------------------------

def _free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and \
                not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise SystemExit("screenshots: no free X display number between :90 and :139")


def _start_x(width: int, height: int) -> tuple[str, list[subprocess.Popen[bytes]]]:
    display = f":{_free_display()}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{width}x{height}x24",
                               "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            break
        time.sleep(0.05)
    manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return display, [manager, server]


def _x_usable() -> bool:
    """Xvfb, openbox and the libraries Qt's X11 plugin needs (see dev.py) are installed."""
    import ctypes.util

    libraries = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xkbcommon-x11", "EGL", "fontconfig")
    return bool(shutil.which("Xvfb") and shutil.which("openbox")) and all(
        ctypes.util.find_library(lib) is not None for lib in libraries)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--offscreen", action="store_true",
                        help="draw offscreen even when Xvfb and openbox are installed")
    parser.add_argument("--child", nargs=4, metavar=("WIDTH", "HEIGHT", "LANG", "THEME"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        width, height, lang, theme = args.child
        with tempfile.TemporaryDirectory(prefix="pkdesk-shots-") as work:
            for path in take(int(width), int(height), lang, theme, out, Path(work)):
                print(path.relative_to(out) if path.is_relative_to(out) else path)
        return 0

    use_x = not args.offscreen and _x_usable()
    failed = 0
    started_at = time.time() - 1
    for width, height in SIZES:
        display, started = _start_x(width, height) if use_x else ("", [])
        try:
            for lang in LANGS:
                for theme in THEMES:
                    with tempfile.TemporaryDirectory(prefix="pkdesk-home-") as home:
                        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home,
                               "XDG_DATA_HOME": home, "PKDESK_LANG": lang,
                               "LANGUAGE": lang, "LC_ALL": "C.UTF-8"}
                        env.pop("SESSION_MANAGER", None)
                        if use_x:
                            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
                        else:
                            env["QT_QPA_PLATFORM"] = "offscreen"
                        done = subprocess.run(
                            [sys.executable, __file__, "--out", str(out), "--child",
                             str(width), str(height), lang, theme], env=env, check=False)
                        failed += done.returncode != 0
        finally:
            for process in started:
                process.terminate()
                process.wait(10)
    _optimise([p for p in out.glob("*.png") if p.stat().st_mtime >= started_at])
    print(f"screenshots in {out}" + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


def _optimise(shots: list[Path]) -> None:
    """Recompress the new shots losslessly with optipng when it is installed (apt-get install
    optipng): a quarter smaller than Qt's PNGs, the pixels unchanged."""
    if not shots or not shutil.which("optipng"):
        return
    before = sum(p.stat().st_size for p in shots)
    subprocess.run(["optipng", "-quiet", "-o2", *map(str, shots)], check=False)
    after = sum(p.stat().st_size for p in shots)
    print(f"optipng: {len(shots)} shots, {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
