"""Tooltips that show their text literally.

Qt renders a tooltip as rich text whenever it merely looks like HTML (`Qt::mightBeRichText`),
so a plan titled "<b>North</b>" would turn bold. Escaping it inside an explicit rich-text
wrapper keeps every character as typed, line breaks included.
"""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """`html.escape`, for the code the first paint runs: importing `html` loads its table of
    entities (`html.entities`, ~2.5 ms), which escaping never reads."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def plain_tip(text: str) -> str:
    return f"<qt><p style='white-space:pre-wrap'>{escape(text)}</p></qt>"
