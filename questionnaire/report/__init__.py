"""The report: typed blocks, the Markdown, HTML and PDF layouts, provenance and verification."""
