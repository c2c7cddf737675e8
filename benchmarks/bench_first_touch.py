"""What the first use of some Qt things costs in a fresh process, and which of them make
PySide6's `Qt` namespace (93 enum classes at once, ~17 ms of CPU: bench_qt_namespace.py):
the first-touch costs of pkdesk's start path that a bare QMainWindow never pays (issue 17).

Each case is a fresh interpreter: QtCore, QtGui and QtWidgets imported, the QApplication
built, cyclic GC off (as pkdesk's start runs); then the case runs twice, timed with
`time.process_time` (CPU of this process), and the child says whether `QtCore.Qt` exists
afterwards. Rounds interleave the cases, after a warm-up round; medians.

Run: .venv/bin/python benchmarks/bench_first_touch.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import child_env  # noqa: E402

CHILD = """
import sys, time, gc
import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W
app = W.QApplication(sys.argv[:1])
gc.disable()
ICON = sys.argv[1]
def once():
{body}
t0 = time.process_time(); kept1 = once(); t1 = time.process_time()
kept2 = once(); t2 = time.process_time()
print(1000 * (t1 - t0), 1000 * (t2 - t1), int("Qt" in vars(C)))
"""

MODEL = ("    class M(C.QStringListModel):\n"
         "        def flags(self, index):\n"
         "            return super().flags(index)\n"
         "    v = W.QListView(); m = M(['a']); v.setModel(m); v.show(); app.processEvents()\n"
         "    return v, m")

CASES: dict[str, str] = {
    # First touches on the start path (none makes the namespace).
    "font database (QFontDatabase.families)": "    return G.QFontDatabase.families()",
    "first text measured (QFontMetrics)": ("    return G.QFontMetrics(app.font())"
                                           ".horizontalAdvance('Reference')"),
    "QLineEdit() (fonts included)": "    return W.QLineEdit()",
    "QTextBrowser + setHtml": ("    b = W.QTextBrowser(); b.setHtml('<h1>T</h1><p>x</p>')\n"
                               "    return b"),
    "QIcon + addFile (one PNG)": ("    i = G.QIcon(); i.addFile(ICON, C.QSize(16, 16))\n"
                                  "    return i"),
    "QCoreApplication.translate": "    return C.QCoreApplication.translate('QShortcut', 'Ctrl')",
    "QKeySequence(StandardKey.Back)": "    return G.QKeySequence(G.QKeySequence.StandardKey.Back)",
    "QMainWindow menu bar + menu": ("    m = W.QMainWindow(); m.menuBar().addMenu('&File')\n"
                                    "    return m"),
    # Calls that make the namespace (the first paint avoids them).
    "QAction.setShortcut(QKeySequence)": ("    a = G.QAction('x'); a.setShortcut(G.QKeySequence('F3'))"
                                          "\n    return a"),
    "QPainter.setPen(QPen)": ("    p = G.QPixmap(8, 8); q = G.QPainter(p); q.setPen(G.QPen()); q.end()"
                              "\n    return p"),
    "a getter returning a Qt enum (focusPolicy)": "    return W.QWidget().focusPolicy()",
    "a Python model overriding flags(), shown": MODEL,
}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
    icon = Path(__file__).resolve().parents[1] / "src/pkdesk/resources/icons/pkdesk-16.png"
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp), sys.argv)
        rows: dict[str, list[list[float]]] = {name: [] for name in CASES}
        for round_no in range(rounds + 1):       # round 0 warms the caches
            for name, body in CASES.items():
                proc = subprocess.run([sys.executable, "-c", CHILD.format(body=body), str(icon)],
                                      capture_output=True, text=True, env=env, timeout=120)
                if proc.returncode != 0 or not proc.stdout.strip():
                    raise SystemExit(f"{name}: child failed: {proc.stderr.strip()[-2000:]}")
                if round_no:
                    rows[name].append([float(x) for x in proc.stdout.split()])
    print(f"platform {env['QT_QPA_PLATFORM']}, {rounds} runs each, interleaved, load average "
          f"{os.getloadavg()[0]:.1f}; median CPU ms")
    print(f"  {'case':44} {'first':>7} {'second':>7}  makes Qt")
    for name, runs in rows.items():
        first = statistics.median(r[0] for r in runs)
        second = statistics.median(r[1] for r in runs)
        made = "yes" if all(r[2] for r in runs) else ("no" if not any(r[2] for r in runs)
                                                       else "sometimes")
        print(f"  {name:44} {first:7.2f} {second:7.2f}  {made}")


if __name__ == "__main__":
    main()
