"""Evidence for the assessment (project 9)."""
