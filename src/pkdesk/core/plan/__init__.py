"""A mission plan: the value (`model`), its fields and their values (`fields`, `values`),
the file format (`file`), edits (`edits`), differences between revisions (`diff`) and the
printable report (`report`)."""
