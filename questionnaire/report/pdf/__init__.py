"""The PDF report: its layout, faces, metadata and verification, and oivtui's own PDF writer."""
