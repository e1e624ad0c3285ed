"""Evidence for the assessment (filled in below)."""
