"""The plan through its life, without Qt: when reviews fall due (``schedule``), how each
indicator and objective is rated against its target line (``ratings``), and the whole
picture a review looks at (``assessment``)."""
