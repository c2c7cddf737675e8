"""Export tests render with the session's QApplication (pytest-qt's qapp), never one of their own:
a bare QGuiApplication created here would break the widget tests that run later."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp: Any) -> Any:
    return qapp
