"""Evidence for the assessment (project 13)."""
