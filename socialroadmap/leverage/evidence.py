"""Evidence for the assessment (project 12)."""
