"""Evidence for the assessment (project 10)."""
