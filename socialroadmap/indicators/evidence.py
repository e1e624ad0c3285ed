"""Evidence the indicators app gives the assessment (being built)."""
