"""Tooltips that show their text literally.

Qt renders a tooltip as rich text whenever it merely looks like HTML (`Qt::mightBeRichText`),
so a plan titled "<b>North</b>" would turn bold. Escaping it inside an explicit rich-text
wrapper keeps every character as typed, line breaks included.
"""

from __future__ import annotations

import html


def plain_tip(text: str) -> str:
    return f"<qt><p style='white-space:pre-wrap'>{html.escape(text)}</p></qt>"
