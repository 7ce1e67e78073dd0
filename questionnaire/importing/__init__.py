"""Reading a filed monitoring document back into answers (``oivtui import``): one module per
format for its lines (lines, docx, pdf), then one parser for them all (segment, answers, tables,
header), checked against a report's own fingerprint when the document is one (ours). See
docs/import.md."""
