"""Evidence the plans app gives the assessment (being built)."""
